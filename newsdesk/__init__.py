"""newsdesk: a terminal news desk for analysts who follow the AI industry."""

__version__ = "0.1.0"
