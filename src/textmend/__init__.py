"""textmend: find and undo machine article spinning."""
__version__ = "0.1.0"
