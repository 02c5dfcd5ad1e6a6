"""Index: embed passages (MiniLM), store them in Chroma, keep the manifest of what is indexed."""
