"""What the generated codec stands on: checked JSON primitives and RFC 3339 times (``primitives``), the model base
(``model``) and the one configured cattrs converter (``converter``)."""
