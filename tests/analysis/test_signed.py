import numpy as np
import pytest

from allegiance.analysis.signed import (
    frustration,
    local_moves,
    partition_signed,
    spectral_partition,
)


def planted(k: int, n: int, density: float, noise: float, seed: int):
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(k), n // k)
    same = truth[:, None] == truth[None, :]
    W = np.where(same, 1.0, -1.0) * (rng.random((len(truth),) * 2) < density)
    W = np.where(rng.random(W.shape) < noise, -W, W)
    W = np.triu(W, 1)
    return W + W.T, truth


def purity(truth: np.ndarray, labels: np.ndarray) -> float:
    """Share of nodes whose found bloc is the majority bloc of their planted bloc, both ways."""
    ok = 0
    for c in np.unique(truth):
        ok += np.bincount(labels[truth == c]).max()
    back = sum(np.bincount(truth[labels == c]).max() for c in np.unique(labels))
    return min(ok, back) / len(truth)


def test_frustration_by_hand():
    W = np.array([[0, 1, -1], [1, 0, -2], [-1, -2, 0]], dtype=float)
    assert frustration(W, [0, 0, 1]) == 0.0
    assert frustration(W, [0, 0, 0]) == 3.0  # two negative ties inside
    assert frustration(W, [0, 1, 1]) == 1.0 + 2.0  # positive 0-1 across, negative 1-2 inside


@pytest.mark.parametrize("k,seed", [(2, 0), (2, 1), (3, 0), (3, 2)])
def test_planted_blocs_recovered(k, seed):
    W, truth = planted(k, 60, density=0.4, noise=0.08, seed=seed)
    best, base = partition_signed(W, seed=0)
    assert best.k == k
    assert purity(truth, best.labels) >= 0.95
    assert best.frustration <= frustration(W, truth) + 1e-9
    assert best.frustration <= base.frustration + 1e-9


def test_fixed_k_and_never_worse_than_baseline():
    rng = np.random.default_rng(5)
    for trial in range(8):
        n = int(rng.integers(8, 40))
        W = rng.normal(size=(n, n)) * (rng.random((n, n)) < 0.3)
        W = np.triu(W, 1)
        W = W + W.T
        for k in (None, 2, 3):
            best, base = partition_signed(W, k=k, seed=trial, restarts=6, perturb=10)
            assert best.frustration <= base.frustration + 1e-9
            if k:
                assert best.k <= k


def test_spectral_two_blocs_exact_on_balanced_network():
    W, truth = planted(2, 20, density=1.0, noise=0.0, seed=3)
    lab = spectral_partition(W, 2)
    assert purity(truth, lab) == 1.0
    assert frustration(W, lab) == 0.0


def test_local_moves_never_increase():
    W, _ = planted(3, 30, density=0.5, noise=0.2, seed=4)
    start = np.random.default_rng(0).integers(0, 3, 30)
    out = local_moves(W, start, kmax=5)
    assert frustration(W, out) <= frustration(W, start)
