"""What disclosure announces to the apps above it (docs/architecture.md): they connect in
their AppConfig.ready, so disclosure never imports them."""

from django.dispatch import Signal

# A report or a new version of one has been published, inside the publishing transaction
# (so a receiver's writes commit or roll back with it). Sent with `publication=`.
published = Signal()
