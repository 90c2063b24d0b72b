"""Static files under hashed names, precompressed (whitenoise): a browser keeps each for a
year and fetches it again only when it changes; brotli and gzip copies are made once, by
collectstatic."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFiles(CompressedManifestStaticFilesStorage):
    def stored_name(self, name):
        """Before collectstatic has run (tests, a fresh checkout) there is no manifest:
        the file keeps its own name and whitenoise serves it from the package."""
        try:
            return super().stored_name(name)
        except ValueError:
            return name
