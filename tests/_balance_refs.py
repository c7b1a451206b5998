"""Independent per-dyad reference implementations for the stance.balance tests.

Plain textbook formulas on two score vectors (one loop-free function per
measure, no code from stance.balance): Signorino & Ritter's S, Voeten's
agreement rate, Scott's pi and Benati & Capurri's A; Cohen's kappa is
scikit-learn's. Scores: oppose -1, hedge 0, support 1 (the codebook).
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import cohen_kappa_score

SCORE = {"oppose": -1.0, "hedge": 0.0, "support": 1.0}
LEVELS = np.array([-1.0, 0.0, 1.0])
D_MAX = 2.0


def ref_s(x: np.ndarray, y: np.ndarray, squared: bool = False, w: np.ndarray | None = None) -> float:
    d = np.abs(x - y) / D_MAX
    if squared:
        d = d**2
    w = np.ones_like(x) if w is None else w
    return float(1 - 2 * np.sum(w * d) / np.sum(w))


def ref_agreement(x: np.ndarray, y: np.ndarray) -> float:
    """Voeten: 1 for the same vote, 1/2 when one abstains and the other does not, 0 for yes vs no."""
    credit = np.where(x == y, 1.0, np.where((x == 0) | (y == 0), 0.5, 0.0))
    return float(credit.mean())


def ref_kappa(x: np.ndarray, y: np.ndarray, weights: str = "quadratic", w: np.ndarray | None = None) -> float:
    return float(cohen_kappa_score(x, y, labels=LEVELS, weights=weights, sample_weight=w))


def ref_pi(x: np.ndarray, y: np.ndarray, squared: bool = True) -> float:
    """Scott's pi with distance weights: 1 - D_o / D_e, D_e from the pooled margins."""
    pw = 2 if squared else 1
    do = np.mean(np.abs(x - y) ** pw)
    pooled = np.concatenate([x, y])
    p = np.array([np.mean(pooled == v) for v in LEVELS])
    de = sum(p[i] * p[j] * abs(LEVELS[i] - LEVELS[j]) ** pw for i in range(3) for j in range(3))
    return float("nan") if de == 0 else float(1 - do / de)


def ref_benati_capurri(x: np.ndarray, y: np.ndarray) -> float:
    """Observed S minus the S expected under independence (absolute distances), as fpsim's bcai()."""
    s_obs = ref_s(x, y)
    px = np.array([np.mean(x == v) for v in LEVELS])
    py = np.array([np.mean(y == v) for v in LEVELS])
    e_d = sum(px[i] * py[j] * abs(LEVELS[i] - LEVELS[j]) / D_MAX for i in range(3) for j in range(3))
    return s_obs - (1 - 2 * e_d)


REFERENCES = {
    "agreement": ref_agreement,
    "s_absolute": ref_s,
    "s_squared": lambda x, y: ref_s(x, y, squared=True),
    "kappa": ref_kappa,
    "pi": ref_pi,
    "benati_capurri": ref_benati_capurri,
}


def random_stances(rng: np.random.Generator, n_items: int, actors: list[str], p_missing: float = 0.2, p_neutral: float = 0.0) -> "pd.DataFrame":  # noqa: F821
    import pandas as pd

    cats = np.array(["oppose", "hedge", "support", "neutral"])
    rows = []
    for a in actors:
        probs = rng.dirichlet(np.ones(3))
        probs = np.append(probs * (1 - p_neutral), p_neutral)
        vals = rng.choice(cats, size=n_items, p=probs)
        keep = rng.random(n_items) >= p_missing
        for i in np.flatnonzero(keep):
            rows.append((f"e{i:04d}", a, vals[i]))
    return pd.DataFrame(rows, columns=["event_id", "actor_id", "stance"])


def pair_scores(df, a: str, b: str, exclude_neutral: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Score vectors of a and b on the items both coded (neutral dropped)."""
    wide = df.pivot(index="event_id", columns="actor_id", values="stance")
    both = wide[[a, b]].dropna()
    if exclude_neutral:
        both = both[(both[a] != "neutral") & (both[b] != "neutral")]
    return both[a].map(SCORE).to_numpy(dtype=float), both[b].map(SCORE).to_numpy(dtype=float)
