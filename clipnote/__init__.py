"""clipnote: check what a blog article says a video says."""

__version__ = "0.1.0"
