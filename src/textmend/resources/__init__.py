"""Knowledge resources, loaded lazily once per process. Formats stay private to each loader."""
