"""frontwatch: turn raw war reporting into a checkable record of events and claims."""

__version__ = "0.1.0"
