"""The Textual shell: a thin layer over the core (model, steps, rules, season, store)."""
