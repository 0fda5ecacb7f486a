"""imgwizard: a terminal wizard for international medical graduates applying to US residency."""

__version__ = "0.1.0"
