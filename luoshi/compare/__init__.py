"""Many governments on one instance, seen from the public side: the list of governments
with their published reports, and the same kind of task compared across governments."""
