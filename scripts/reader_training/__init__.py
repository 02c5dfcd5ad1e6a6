"""The reader's training, one job per module; run it with `scripts/train_reader.py train|export`.

- settings: where the data, checkpoints and model go; the seed and the sizes of a run;
- data: the training and held-out pairs, their features (model inputs) and the batch order;
- train: the training loop (resumable from its checkpoint);
- export: the ONNX int8 file, its held-out evaluation and threshold, reader.json and the card;
- card: the model card's text.
"""
