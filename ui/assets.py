"""Static CSS and the in-page script of the web chat (no Python logic here).

Notes on Gradio 6.31 (see notes-ui/FINDINGS.md):
* `launch(css=...)` is rewritten in the browser: rules inside `@media` are only emitted with a
  `.gradio-container ... .contain` prefix, so media queries that must reach the page padding go
  in a plain `<style>` in `launch(head=...)`, which is not rewritten.
* The citation click handler is attached once to `document` in the capture phase, so it
  survives every re-render of the Chatbot and of the sources panel.
"""

CSS = """
.gradio-container { max-width: 1280px !important; }
.app-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end;
  gap: 6px 16px; padding: 0 4px; }
.app-head h1 { font-size: 1.4rem; margin: 0; letter-spacing: -.01em; }
.app-head p { margin: 2px 0 0; color: var(--body-text-color-subdued); font-size: .9rem; }
#kb-stats { display: inline-block; font-size: .85rem; color: var(--body-text-color-subdued);
  background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary);
  border-radius: 999px; padding: 3px 12px; white-space: nowrap; }

/* chat */
#chatbot .message-content { line-height: 1.55; }
/* the Chatbot's own trash icon clears the component but not our session, and overlaps text on
   phones: the Clear button replaces it */
#chatbot .top-panel { display: none !important; }
/* Gradio's status tracker covered the whole conversation with a red "Error" badge when a question
   was turned away (the queue full: the toast says the server is busy and the question stays in
   the box). The chat's own status line and toasts say what happened; the tracker is never shown. */
#chatbot > [data-testid="status-tracker"] { display: none !important; }
#chatbot a.cite {
  text-decoration: none; font-weight: 700; font-size: .78em; vertical-align: super; line-height: 0;
  padding: 0 2px; border-radius: 4px; color: var(--color-accent); cursor: pointer; }
#chatbot a.cite:hover, #chatbot a.cite:focus-visible { background: var(--color-accent-soft); outline: none; }
#chatbot .badge-refused { display: inline-block; font-size: .75em; font-weight: 700; text-transform: uppercase;
  letter-spacing: .03em; color: #92400e; background: #fef3c7; border: 1px solid #fcd34d;
  border-radius: 6px; padding: 0 6px; margin-right: 4px; }
#chatbot .badge-unsure { display: inline-block; font-size: .75em; font-weight: 700; letter-spacing: .03em;
  color: #6b7280; background: #f3f4f6; border: 1px dashed #9ca3af; border-radius: 6px; padding: 0 6px;
  margin-right: 4px; cursor: help; }
#chatbot .closest { font-size: .9em; color: var(--body-text-color-subdued); }
#chatbot .closest a.cite { vertical-align: baseline; font-size: .95em; }
#chatbot .placeholder-content { padding: 0 28px; text-align: center; color: var(--body-text-color-subdued); }
#chatbot .placeholder-content strong { color: var(--body-text-color); font-size: 1.05rem; }
#input-row { align-items: stretch; gap: 8px; }
#send-btn, #clear-btn { min-width: 76px; }
#run-status { min-height: 1.3em; padding: 0 4px; }
#run-flag { font-size: .8rem; color: var(--body-text-color-subdued); }
#run-flag.run-error { color: #b91c1c; }
#run-flag.run-refused { color: #92400e; }

/* sources panel */
#side-col { gap: 10px; }
/* gr.HTML puts an inline overflow:visible on its block, hence !important */
#sources { max-height: 560px; overflow-y: auto !important; scroll-padding: 44px 8px 8px;
  border: 1px solid var(--border-color-primary) !important; border-radius: var(--radius-lg);
  background: var(--background-fill-secondary); padding: 0 10px 2px; }
.src-head { position: sticky; top: 0; z-index: 2; margin: 0 -10px 8px; padding: 10px 12px 8px;
  font-weight: 700; font-size: 1rem; background: var(--background-fill-secondary);
  border-bottom: 1px solid var(--border-color-primary); }
.src-turn h4 { margin: 2px 0 8px; font-size: .85rem; color: var(--body-text-color-subdued); font-weight: 600;
  overflow-wrap: anywhere; }
.turn-n { display: inline-block; font-size: .72rem; font-weight: 700; color: var(--color-accent);
  background: var(--color-accent-soft); border-radius: 4px; padding: 0 5px; margin-right: 2px; }
.src-turn.old { margin: 6px 0 8px; }
.src-turn.old > summary { cursor: pointer; font-size: .85rem; color: var(--body-text-color-subdued);
  overflow-wrap: anywhere; padding: 2px 0; }
.src-turn.old[open] > summary { margin-bottom: 8px; }
.src-note { margin: 0 0 8px; font-size: .85rem; color: #92400e; }
.src-card { background: var(--background-fill-primary); border: 1px solid var(--border-color-primary);
  border-left: 4px solid var(--color-accent-soft); border-radius: 8px; padding: 10px 12px; margin: 0 0 10px;
  transition: border-color .25s, box-shadow .25s; overflow-wrap: anywhere; outline: none; }
.src-card.closest { border-left-color: #fcd34d; }
.src-card header { display: flex; gap: 8px; align-items: baseline; }
.src-n { flex: none; display: inline-grid; place-items: center; min-width: 1.5em; height: 1.5em; border-radius: 999px;
  background: var(--color-accent-soft); color: var(--color-accent); font-weight: 700; font-size: .8rem; }
.src-title { font-weight: 600; font-size: .92rem; line-height: 1.3; }
.src-title.untitled { font-weight: 500; font-style: italic; color: var(--body-text-color-subdued); }
.src-meta { display: flex; justify-content: space-between; gap: 8px; font-size: .78rem;
  color: var(--body-text-color-subdued); margin: 4px 0 6px; }
.src-file { font-family: var(--font-mono); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.src-score { flex: none; }
.src-passage { margin: 0; font-size: .88rem; line-height: 1.5; white-space: pre-line; }
.src-card mark { background: #fde68a; color: inherit; padding: 1px 0; border-radius: 2px; }
.src-card details.ctx { margin-top: 6px; font-size: .82rem; }
.src-card details.ctx summary { cursor: pointer; color: var(--color-accent); width: fit-content; }
.ctx-body { white-space: pre-line; max-height: 240px; overflow-y: auto; margin-top: 4px; padding: 6px 8px;
  background: var(--background-fill-secondary); border-radius: 6px; color: var(--body-text-color-subdued);
  line-height: 1.5; }
.ctx-passage { color: var(--body-text-color); background: var(--color-accent-soft); border-radius: 2px; }
.src-card.is-active, .src-card:target { border-color: var(--color-accent);
  box-shadow: 0 0 0 3px var(--color-accent-soft); }
.src-card.flash { animation: srcflash 1.2s ease-out; }
@keyframes srcflash { from { background-color: #fef3c7; } to { background-color: var(--background-fill-primary); } }
.src-empty { color: var(--body-text-color-subdued); font-size: .88rem; margin: 4px 2px 10px; line-height: 1.5; }

/* documents */
#doclist p { margin: 0 0 6px; font-size: .85rem; overflow-wrap: anywhere; }
#doclist .doc-note { font-size: .8rem; color: var(--body-text-color-subdued); }
#doclist .doc-ok { color: #047857; }
#doclist .doc-error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px;
  padding: 4px 8px; }
ul.doclist { list-style: none; margin: 0; padding: 0; max-height: 260px; overflow-y: auto; }
ul.doclist li { display: flex; flex-direction: column; padding: 6px 2px; border-bottom: 1px solid var(--border-color-primary); }
ul.doclist li:last-child { border-bottom: none; }
ul.doclist .src-title { font-size: .88rem; overflow-wrap: anywhere; }
.doc-meta { font-size: .76rem; color: var(--body-text-color-subdued); overflow-wrap: anywhere; }
.doc-file { font-family: var(--font-mono); }
.doclist-empty { color: var(--body-text-color-subdued); font-size: .88rem; }
#remove-row { gap: 8px; align-items: flex-end; }
#remove-btn { margin-bottom: 10px !important; height: 40px; }
"""

MOBILE_CSS = """
@media (max-width: 640px) {
  .gradio-container .main.app { padding: 10px 8px !important; }
  .app-head h1 { font-size: 1.25rem; }
  #chatbot .placeholder-content { padding: 0 28px; text-align: center; color: var(--body-text-color-subdued); }
#chatbot .placeholder-content strong { color: var(--body-text-color); font-size: 1.05rem; }
#input-row { flex-wrap: nowrap; }
  #send-btn, #clear-btn { min-width: 56px !important; padding-left: 10px; padding-right: 10px; }
  #chatbot { height: 58vh !important; }
  #chatbot .message-row.bubble { max-width: calc(100% - 12px) !important; margin-left: 6px !important;
    margin-right: 6px !important; }
  #sources { max-height: 75vh; }
}
"""

# Clicking [n] (or Enter on it): open the card's enclosing <details>, mark it active, flash it and
# scroll it into view inside the sources box, without changing the URL.
SCRIPT = """
(() => {
  if (window.__citeHandler) return;
  window.__citeHandler = true;
  function reveal(id) {
    const card = document.getElementById(id);
    if (!card) return false;
    for (let d = card.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    document.querySelectorAll('.src-card.is-active').forEach(e => e.classList.remove('is-active', 'flash'));
    card.classList.add('is-active');
    void card.offsetWidth;
    card.classList.add('flash');
    card.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    card.focus({preventScroll: true});
    return true;
  }
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest && ev.target.closest('a[href^="#src-"]');
    if (!a) return;
    ev.preventDefault();
    ev.stopPropagation();
    reveal(a.getAttribute('href').slice(1));
  }, true);
  window.__revealSource = reveal;
  // The chat's copy button put a message's HTML on the clipboard ("<strong class=\"short-answer\">
  // ... <a class=\"cite\" ...>[1]</a>"): what is copied is the text the message shows. DOMParser's
  // document is inert (no script runs, no image loads), and the messages' HTML escapes what
  // documents say, so their "<script>" comes out as the text it was.
  if (navigator.clipboard && navigator.clipboard.writeText) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => {
      if (typeof text === 'string' && text.includes('<')) {
        const body = new DOMParser().parseFromString(text, 'text/html').body;
        if (body.children.length) text = body.textContent.replace(/[ \\t]+\\n/g, '\\n').trim();
      }
      return write(text);
    };
  }
})();
"""

HEAD = f"<style>{MOBILE_CSS}</style>\n<script>{SCRIPT}</script>"
