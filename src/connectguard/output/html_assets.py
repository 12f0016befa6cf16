"""The inline stylesheet and script of ``--format html``, kept apart so ``html.py`` stays about content.

Both are constants: the page's Content-Security-Policy allows exactly these two
blocks by their SHA-256 hashes, so nothing injected into the page could run or style it.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;
--error:#cf222e;--error-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--note:#0969da;--note-bg:#ddf4ff;
--none:#59636e;--none-bg:#eef1f4;--ok:#1a7f37;--ok-bg:#dafbe1}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);background:var(--soft)}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:20px 32px}
header.top h1{margin:0;font-size:22px;font-weight:600}
header.top p{margin:4px 0 0;color:var(--muted)}
.wrap{max-width:1200px;margin:0 auto;padding:20px 32px 48px}
.banner{border:1px solid var(--line);border-left:4px solid var(--warn);background:#fff;padding:10px 14px;
border-radius:6px;margin:0 0 16px}
.banner.danger{border-left-color:var(--error)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-bottom:16px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.card .n{display:block;font-size:26px;font-weight:600;font-variant-numeric:tabular-nums}
.card .l{color:var(--muted);font-size:13px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:12px;margin-bottom:16px}
.panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.panel h2{font-size:15px;margin:0 0 8px;font-weight:600}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.zero td{color:#8c959f}
td.bar{width:30%}
.bar span{display:block;height:8px;border-radius:4px;background:var(--accent);opacity:.75;min-width:3px}
.bar span[data-share="0"]{display:none}
.filters{position:sticky;top:0;z-index:5;background:#fff;border:1px solid var(--line);border-radius:8px;
padding:10px 16px;margin-bottom:16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
.filters strong{margin-right:4px}
.filters label{display:inline-flex;gap:6px;align-items:center;cursor:pointer;white-space:nowrap}
.filters .count{color:var(--muted)}
.filters button{font:inherit;border:1px solid var(--line);background:var(--soft);border-radius:6px;padding:2px 10px;
cursor:pointer}
.filters .status{margin-left:auto;color:var(--muted)}
article.post{background:#fff;border:1px solid var(--line);border-radius:8px;margin-bottom:14px;overflow:hidden}
article.post>header{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;padding:10px 16px;
background:var(--soft);border-bottom:1px solid var(--line)}
.pid{font-weight:600;overflow-wrap:anywhere}
.src,code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.src{color:var(--muted);overflow-wrap:anywhere}
.badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;line-height:20px;
border:1px solid transparent;white-space:nowrap}
.a-remove,.a-hold{color:var(--error);background:var(--error-bg);border-color:#ffcecb}
.a-edit,.a-flag{color:var(--warn);background:var(--warn-bg);border-color:#f5e0a0}
.a-nudge{color:var(--note);background:var(--note-bg);border-color:#b6e3ff}
.a-allow{color:var(--none);background:var(--none-bg)}
.a-shadow{color:var(--muted);background:#fff;border:1px dashed #8c959f}
.meta{margin-left:auto;color:var(--muted);font-size:13px}
.body{padding:12px 16px}
.ttl{font-size:16px;font-weight:600;margin:0 0 6px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
.empty{color:var(--muted);font-style:italic}
mark{color:inherit;border-radius:3px;padding:1px 0;cursor:pointer;background:var(--note-bg);
box-shadow:inset 0 -2px 0 var(--note)}
mark.l-error{background:var(--error-bg);box-shadow:inset 0 -2px 0 var(--error)}
mark.l-warning{background:var(--warn-bg);box-shadow:inset 0 -2px 0 #d4a72c}
mark.l-none{background:var(--none-bg);box-shadow:inset 0 -2px 0 #8c959f}
mark.shadow{background:transparent;box-shadow:none;border-bottom:2px dashed #8c959f}
mark mark{box-shadow:inset 0 -4px 0 rgba(31,35,40,.45)}
mark.point::before{content:"\\2691";color:var(--error);padding:0 2px}
mark:focus{outline:2px solid var(--accent);outline-offset:1px}
mark.active{outline:2px solid var(--ink);outline-offset:1px}
mark.off{background:transparent;box-shadow:none;border-bottom:0;cursor:text}
mark.off.point::before{content:none}
ol.findings{list-style:none;margin:0;padding:0 16px 12px}
ol.findings li{border-top:1px solid var(--line);padding:8px 0}
ol.findings li.off{display:none}
ol.findings li.active{background:#fffbe6;box-shadow:-16px 0 0 #fffbe6,16px 0 0 #fffbe6}
.fhead{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
.rule{font-weight:600}
.fmeta{color:var(--muted);font-size:13px}
.msg{margin:2px 0 0}
.note{margin:2px 0 0;color:var(--muted);font-size:13px}
.note b,.msg b{font-weight:600;color:var(--ink)}
.matched{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:0 4px}
details.clean{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px}
details.clean summary{cursor:pointer;font-weight:600}
details.clean ul{columns:2;margin:8px 0 0;padding-left:18px}
#details{position:fixed;right:20px;bottom:20px;width:420px;max-width:calc(100vw - 40px);max-height:60vh;
overflow:auto;background:#fff;border:1px solid var(--line);border-radius:10px;
box-shadow:0 8px 24px rgba(140,149,159,.35);padding:12px 16px;z-index:10}
#details h2{font-size:14px;margin:0 0 6px}
#details ol.findings{padding:0}
#details .close{position:absolute;top:6px;right:8px;border:0;background:none;font-size:20px;cursor:pointer;
color:var(--muted)}
footer{color:var(--muted);font-size:12px;margin-top:24px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media print{.filters,#details{display:none}article.post{break-inside:avoid}}
"""

JS = """
(() => {
  "use strict";
  const boxes = [...document.querySelectorAll("input[data-filter]")];
  const posts = [...document.querySelectorAll("article.post")];
  const status = document.getElementById("status");
  const panel = document.getElementById("details");
  const panelList = document.getElementById("details-list");
  for (const el of document.querySelectorAll("[data-share]")) el.style.width = el.dataset.share + "%";

  function apply(sync) {
    const on = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    let shown = 0;
    for (const post of posts) {
      let any = false;
      for (const el of post.querySelectorAll("[data-category]")) {
        const ok = on.has(el.dataset.category);
        el.classList.toggle("off", !ok);
        any = any || ok;
      }
      post.hidden = !any;
      if (any) shown += 1;
    }
    if (status) status.textContent = "Showing " + shown + " of " + posts.length + " posts";
    if (sync) {
      const all = on.size === boxes.length;
      const hash = all ? "" : "#category=" + [...on].map(encodeURIComponent).join(",");
      try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (e) { /* file: */ }
    }
  }

  function fromHash() {
    const found = /(?:^#|&)category=([^&]*)/.exec(location.hash);
    if (found) {
      const wanted = found[1].split(",").map((c) => { try { return decodeURIComponent(c); } catch (e) { return c; } });
      for (const b of boxes) b.checked = wanted.includes(b.value);
    } else {
      for (const b of boxes) b.checked = true;
    }
    apply(false);
    const detail = /(?:^#|&)details=(\\d+)/.exec(location.hash);
    const target = detail && document.querySelector('mark[data-v="' + detail[1] + '"]');
    if (target) show(target); else if (detail) hide();
  }

  function show(mark) {
    const ids = [];
    for (let m = mark; m && m.tagName === "MARK"; m = m.parentElement.closest("mark")) {
      if (!m.classList.contains("off") && !ids.includes(m.dataset.v)) ids.push(m.dataset.v);
    }
    for (const el of document.querySelectorAll(".active")) el.classList.remove("active");
    panelList.replaceChildren();
    for (const id of ids) {
      const item = document.getElementById("f-" + id);
      if (!item) continue;
      item.classList.add("active");
      const copy = item.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.remove("active", "off");
      panelList.appendChild(copy);
      for (const m of document.querySelectorAll('mark[data-v="' + id + '"]')) m.classList.add("active");
    }
    panel.hidden = false;
  }

  function hide() {
    panel.hidden = true;
    for (const el of document.querySelectorAll(".active")) el.classList.remove("active");
  }

  document.addEventListener("click", (event) => {
    let mark = event.target.closest("mark[data-v]");
    while (mark && mark.classList.contains("off")) mark = mark.parentElement.closest("mark[data-v]");
    if (mark) show(mark);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
    const mark = event.target.closest && event.target.closest("mark[data-v]");
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(mark); }
  });
  document.getElementById("details-close").addEventListener("click", hide);
  for (const b of boxes) b.addEventListener("change", () => apply(true));
  for (const button of document.querySelectorAll("button[data-all]")) {
    button.addEventListener("click", () => {
      for (const b of boxes) b.checked = button.dataset.all === "1";
      apply(true);
    });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"""


def csp_hash(source: str) -> str:
    """The CSP source expression (``'sha256-...'``) that allows exactly this inline block."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


#: Nothing but the page's own style and script; no network, no plugins, no forms, no frames.
CSP = ("default-src 'none'; " f"style-src {csp_hash(CSS)}; script-src {csp_hash(JS)}; "
       "img-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'")

__all__ = ["CSP", "CSS", "JS", "csp_hash"]
