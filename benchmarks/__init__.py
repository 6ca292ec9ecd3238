"""textmend benchmark suite: `python -m benchmarks [--quick] [--out DIR] [--systems a,b]`.

Measures restoration (edit-level P/R/F0.5 with the reference scorer), damage on clean
text, detection ROC AUC, and speed, for textmend and baselines on the same corpora.
Kept import-light: nothing here imports textmend until a system is loaded.
"""
