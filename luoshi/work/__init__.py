"""The back office under /work/: the pages units, reviewers and admins work in. On top of
the domain apps (it may import every one of them); nothing below imports it."""
