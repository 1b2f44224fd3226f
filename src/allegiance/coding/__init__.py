"""The event coder: documents to events and relation statements (DESIGN.md section 3)."""

from allegiance.coding.coder import CODER_VERSION, Coder, code_text, default_coder
from allegiance.coding.lexicon import Lexicon

__all__ = ["CODER_VERSION", "Coder", "Lexicon", "code_text", "default_coder"]
