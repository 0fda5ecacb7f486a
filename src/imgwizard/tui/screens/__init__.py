"""Screens of the wizard: the main wizard screen and the modals (help, review, errors ...).

Every modal closes with a visible button and a letter or F-key; Escape is only a shortcut."""
