"""What the model is asked: the system prompt, the numbered passages, and the rewrite of a
follow-up into a standalone question (llama-index's condense-question prompt)."""

from __future__ import annotations

import re

from rag.answer.llm.replies import says_cannot_answer
from rag.text.citations import MARKER_LIST
from rag.types import ScoredPassage

SYSTEM_PROMPT = (
    "You answer questions using only the numbered passages you are given. "
    "Write the answer as one or two short, complete sentences with the facts from the passages, "
    "and end each sentence with the number of the passage it comes from in square brackets, "
    'for example: "The bridge is 300 metres long [2]." '
    "If the passages do not contain the answer, reply only: The documents don't say."
)

CONDENSE_TEMPLATE = """\
Given a conversation (between Human and Assistant) and a follow up message from Human, \
rewrite the message to be a standalone question that captures all relevant context \
from the conversation.

<Chat History>
{chat_history}

<Follow Up Message>
{question}

<Standalone question>
"""  # llama-index's CondenseQuestionChatEngine DEFAULT_TEMPLATE


def prompt_chars(settings) -> int:
    """How many characters of passages fit in the prompt: ~3.5 characters a token, with room for
    the question, the instructions (about 200 tokens) and the reply."""
    return max(int((settings.llm_context - settings.llm_max_tokens - 200) * 3.5), 1000)


def build_messages(question: str, passages: list[ScoredPassage], max_chars: int):
    """System + user message: the passages numbered [1]..[k] (cut to fit the context), then the question."""
    from llama_index.core.llms import ChatMessage

    blocks, used = [], 0
    for n, sp in enumerate(passages, 1):
        p = sp.passage
        head = f"Passage [{n}]" + (f" ({p.title}):\n" if p.title else ":\n")
        text = p.text
        room = max_chars - used - len(head)
        if room < 200:
            break
        if len(text) > room:
            text = text[:room].rsplit(" ", 1)[0] + " …"
        blocks.append(head + text)
        used += len(head) + len(text) + 2
    user = (
        "\n\n".join(blocks)
        + f"\n\nQuestion: {question}\nAnswer in a short sentence ending with its passage number, like [1]."
    )
    return [
        ChatMessage(role="system", content=SYSTEM_PROMPT),
        ChatMessage(role="user", content=user),
    ]


def condense_question(llm, message: str, history: list[dict], max_tokens: int = 64) -> str | None:
    """A standalone question for `message`, written by the LLM from the conversation; None if unusable."""
    lines = []
    for m in history[-6:]:
        role = "Human" if m.get("role") == "user" else "Assistant"
        content = MARKER_LIST.sub("", str(m.get("content") or "")).strip()
        if content:
            lines.append(f"{role}: {content[:600]}")
    if not lines:
        return None
    prompt = CONDENSE_TEMPLATE.format(chat_history="\n".join(lines), question=message)
    text = (llm.complete(prompt, max_tokens=max_tokens).text or "").strip()
    text = re.sub(r"^(?:<?standalone question>?:?|question:)\s*", "", text, flags=re.IGNORECASE).strip()
    text = text.splitlines()[0].strip().strip('"“”').strip() if text else ""
    if len(text) < 3 or len(text) > 3 * len(message) + 300 or says_cannot_answer(text) or not text.endswith("?"):
        return None
    return text
