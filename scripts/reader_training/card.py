"""The reader's model card (models/reader/MODEL_CARD.md), written by the export from reader.json's
numbers."""

from __future__ import annotations

# The negatives the shipped model was not trained with (scripts/train_reader.py): each kind's
# flag, and its line in the card's data list when a model was trained with it.
OPTIONAL_KINDS = {
    "swapped": (
        "swapped",
        "- **swapped**: a SQuAD question with one constraint the paragraph states (a year, a name) changed "
        'to one it never mentions, read against the same paragraph ("Who was the British ambassador in '
        "1848?\" against a paragraph about 1853): unanswerable in the way SQuAD 2.0's adversarial questions "
        "are. Derived, CC BY-SA 4.0.\n",
    ),
    "sentence": (
        "sentences",
        "- **sentence** / **sentence_other**: a SQuAD question with one sentence of its paragraph read alone, "
        "the one holding the answer (with its span) or, drawn apart, another one holding no gold answer "
        "(on topic, not answering): a news article's passage is often a single sentence. Derived, CC BY-SA 4.0.\n",
    ),
    "noun_swapped": (
        "nouns",
        "- **noun_swapped**: a SQuAD question with one common noun that the answer's sentence holds changed "
        'to a noun of another question the paragraph never uses ("When was the harbour built?" against '
        '"The mill was built in 1850."). Derived, CC BY-SA 4.0.\n',
    ),
    "news": (
        "news",
        "- **news** / **news_other** / **news_unanswerable**: invented news stories (`models/reader/news-training/`, "
        "README there: written for this project, fictional countries, people and numbers, raw web text) cut into "
        "passages as the index cuts a corpus: the passage holding a question's answer (with its span), the two "
        "passages of the story most like the question that hold none of its answers, and for the questions the "
        "story does not answer (near misses: another year, an unnamed role holder, a count never given…) its three "
        "passages most like the question. CC BY-SA 4.0.\n",
    ),
}
# Their held-out rows, shown when measured (export --swapped / --nouns / --sentences / --news).
OPTIONAL_ROWS = (
    ("swapped_refused", "constraint-swapped questions refused"),
    ("noun_swapped_refused", "common-noun-swapped questions refused"),
    ("sentence_other_refused", "other sentences of the paragraph read alone refused"),
    ("news_other_refused", "news passages that do not hold the answer refused"),
    ("news_unanswerable_refused", "news passages for questions the story does not answer refused"),
)


def model_card(info: dict) -> str:
    h = info["held_out"]
    kinds = ", ".join(f"{k} {v:,}" for k, v in (info["train_kinds"] or {}).items())
    rows = "\n".join(
        f"| {t['threshold']:.2f} | {t['accepted_answering']:.3f} | {t['refused_not_answering']:.3f} |"
        for t in info["calibration_curve"]
    )

    def pct(key: str) -> str:
        return f"{h[key]:.3f}" if key in h else "–"

    optional_rows = "".join(f"| {label} | {pct(key)} |\n" for key, label in OPTIONAL_ROWS if key in h)

    kinds_trained = info["train_kinds"] or {}
    optional = [kind for kind in OPTIONAL_KINDS if kind in kinds_trained]
    optional_notes = "".join(OPTIONAL_KINDS[kind][1] for kind in optional)
    # The flags that reproduce the run. The shipped model's 1,600 steps came from a resumed run
    # (its train_note says how), so its card names no --steps.
    measure_flags = "".join(f" --{OPTIONAL_KINDS[kind][0]}" for kind in optional)
    # Training takes the news share as its value; measuring takes --news alone.
    kind_flags = "".join(
        f" --news {info['news_share']}" if k == "news" else f" --{OPTIONAL_KINDS[k][0]}" for k in optional
    )
    start = info.get("started_from")
    steps = f" --steps {info['train_steps']}" if "sentence" in kinds_trained or start else ""
    lr = f" --lr {info['learning_rate']}" if start else ""
    shipped = " --from-shipped" if start else ""
    skipped = info.get("train_skipped", 0)
    skip = f" --skip {skipped}" if skipped else ""
    no_dropout = "" if info.get("dropout", True) else " --no-dropout"
    precision = (
        "bfloat16 autocast on the CPU"
        if info.get("bf16", True)
        else "fp32 on the CPU (it has no bfloat16 arithmetic: emulated, a step took 17x longer)"
    )
    if start:
        origin = (
            f"fine-tuned from the previous reader (SHA-256 `{start['sha256'][:16]}…`: {start['train_steps']:,} steps "
            f"from MiniLM at lr {start['learning_rate']} on {start['train_features']:,} pairs of "
            f"`../shared/training/`, {start['train_seconds'] / 60:.0f} min; its int8 weights dequantised)"
            + (f", on the pool's batches after the {skipped:,} it read," if skipped else "")
            + " for "
        )
    else:
        origin = ""
    news_note = (
        f" {info['news_share']:.0%} of the pairs read came from the invented news stories (each pair drawn "
        "several times; the rest from the other kinds in their proportions)."
        if "news" in kinds_trained
        else ""
    )
    sources = (
        "From `../shared/training/` (see its README) and `models/reader/news-training/`"
        if "news" in kinds_trained
        else "All from `../shared/training/` (see its README)"
    )
    held_news = ", and story S06 of every invented news batch (never trained on)" if "news_n" in h else ""
    phases = info.get("train_phases") or []
    phase_note = ""
    if len(phases) > 1:
        spans = []
        for i, ph in enumerate(phases):
            end = phases[i + 1]["from_step"] if i + 1 < len(phases) else info["train_steps"]
            news = f" ({ph['news_share']:.0%} of them news)" if ph.get("news_share") else ""
            spans.append(f"steps {ph['from_step']:,}–{end:,} on {ph['features']:,} pairs{news}")
        phase_note = (
            " The data mix changed during training (the run resumed from its checkpoint with the new mix; "
            "the resumed run's --steps sets the linear decay): " + "; ".join(spans) + "."
        )

    return f"""# Reader model card — `{info["file"]}`

A small extractive reader for rag-assistant: given a question and a passage it gives (a) the
probability that the passage answers the question and (b) the start and end of the short answer.
By default the assistant leads its answer with (b), quoting and citing the sentence that holds it,
and reports (a) as the answer's confidence; with `decide = "reader"` it also ranks the retrieved
passages by (a) and refuses when no passage reaches the threshold (README: Reader).

| | |
|---|---|
| file | `{info["file"]}`, {info["bytes"] / 1e6:.1f} MB, int8 (ONNX dynamic quantisation, per-channel weights, stored unsigned: the same integers on every x86 CPU, see `train_reader.py portable`) |
| SHA-256 | `{info["sha256"]}` (checked at load: a different file is refused) |
| run-time forms | {_forms(info)} |
| base | {info["base_model"]}: BERT, 6 layers, 384 hidden, 22.7M parameters; word-piece tokenizer SHA-256 `{info["tokenizer_sha256"][:16]}…` |
| heads | linear start/end per token; linear answerability on [CLS] |
| input | `[CLS] question [SEP] passage [SEP]`, at most 256 word pieces (question ≤ 48); longer passages in windows with a 64-piece overlap (`rag/reader/features.py`) |
| refusal threshold | {info["threshold"]} — {info["threshold_rule"]} |
| training | {origin}{info["train_steps"]:,} steps x {info["batch"]} pairs, AdamW lr {info["learning_rate"]} (linear warm-up 5%, linear decay), word embeddings frozen, {precision}{"" if info.get("dropout", True) else ", no dropout"}, seed {info["seed"]}; {info["train_seconds"] / 60:.0f} min on this project's 2-core CPU (shared with other work){". " + info["train_note"] if info.get("train_note") else ""} |
| reproduce | `.venv/bin/python scripts/train_reader.py train{shipped}{skip}{no_dropout}{steps}{lr}{kind_flags}` then `... export{measure_flags}` (resumable; never run in CI or setup) |

## Training data

{sources}; none of it overlaps the SQuAD∩XQuAD benchmark's
48 articles, HotpotQA-100 or the gold set, and none of those was used to train, calibrate or
select this model. {info["train_features"]:,} training pairs: {kinds}.{phase_note}{news_note}

- **squad**: SQuAD v1.1 train (Rajpurkar et al., 2016), question + paragraph + answer span. CC BY-SA 4.0.
- **answer_removed**: the same paragraph with the sentence holding the answer removed (on topic, not answering). Derived, CC BY-SA 4.0.
- **hard_negative**: the most word-overlapping paragraph of the same article without the answer (derived by ../shared/training/scripts). CC BY-SA 4.0.
- **adversarial**: SQuAD 2.0's human-written unanswerable questions (Rajpurkar et al., 2018), one article's worth (the other is held out). CC BY-SA 4.0.
- **selqa**: SelQA answer-sentence selection dev+test (Jurczyk, Zhai and Choi, 2016), sentence labels without spans. Apache-2.0 (Wikipedia text, CC BY-SA).
{optional_notes}- **off_topic**: a question paired with a paragraph of another article.

**Licence of the weights**: derived from CC BY-SA 4.0 data, shared under CC BY-SA 4.0 with the
attribution above; the base model is Apache-2.0.

## Held-out results

Held out: every SQuAD v1.1 train article whose CRC32 is 0 mod 20 (and its derived negatives), and
one of the two SQuAD 2.0 articles with adversarial questions{held_news}. The threshold was calibrated on one
half of these texts; the numbers below are the other half ({h["examples"]:,} texts), read by this
int8 file. `tests/reader/test_model.py` re-reads a fixed sample of 300 of them
(`{info["held_out_sample"]["file"]}`) and must find the numbers recorded in `reader.json`.

| | |
|---|---|
| answerability AUC | {pct("answerability_auc")} |
| SQuAD paragraphs accepted (answering texts) | {pct("squad_accepted")} |
| short answer EM / F1 on those paragraphs | {pct("squad_span_em")} / {pct("squad_span_f1")} |
{"| answer sentences read alone accepted; EM / F1 | " + pct("sentence_accepted") + "; " + pct("sentence_span_em") + " / " + pct("sentence_span_f1") + " |" + chr(10) if "sentence_accepted" in h else ""}{"| news passages that answer accepted; EM / F1 | " + pct("news_accepted") + "; " + pct("news_span_em") + " / " + pct("news_span_f1") + " |" + chr(10) if "news_accepted" in h else ""}| "answer removed" paragraphs refused | {pct("answer_removed_refused")} |
| hard-negative paragraphs refused | {pct("hard_negative_refused")} |
| adversarial unanswerable questions refused | {pct("adversarial_refused")} |
{optional_rows}| off-topic paragraphs refused | {pct("off_topic_refused")} |

Calibration curve (calibration half):

| threshold | answering texts accepted | non-answering texts refused |
|---|---|---|
{rows}

## Limits

Trained on Wikipedia paragraphs{" and invented news stories" if "news" in kinds_trained else ""} and single-sentence questions: it reads one passage at a time,
so it cannot combine facts from two passages (the assistant's second hop chains them instead),
answers yes/no questions with a span, and is English only. The threshold is per passage; across
the five to sixteen passages the assistant reads, a question is answered when any one of them
clears it.
"""


def _forms(info: dict) -> str:
    forms = info.get("forms") or {}
    if not forms:
        return "none: the file is read as it is"
    named = "; ".join(f"{form} `{sha[:16]}…`" for form, sha in forms.items())
    return (
        "the same model rewritten once into the cache folder, outputs equal to the bit "
        f"(`rag/reader/forms.py`: attention NaN guards dropped; weights signed where the CPU has VNNI): {named}"
    )
