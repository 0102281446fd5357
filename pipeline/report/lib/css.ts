/** The report's inline stylesheet: system fonts only, AA contrast, and a print layout. */
export const CSS = `
:root{--fg:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--rule:#c8c8c8;--link:#0645ad;--claim:#fff3b0;--neg:#ffd9d9;--date:#0b5394;--actor:#6a1b9a;--qty:#1b5e20;--ok:#1b5e20;--bad:#a00000;--warn:#7a4a00}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus,mark:focus{outline:3px solid #1a73e8;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
header,main,footer,nav{max-width:72rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.5rem}
h1{font-size:1.8rem;margin:.2em 0}h2{font-size:1.45rem;margin-top:2.2rem;border-bottom:2px solid var(--rule);padding-bottom:.2rem}h3{font-size:1.15rem;margin-top:1.6rem}h4{font-size:1rem;margin:1rem 0 .3rem}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
.totals{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.94rem}
th,td{border:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f1f1f1}
td.date,.nw{white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.2rem 0}
.status{font-weight:600;white-space:nowrap}.status-corroborated{color:var(--ok)}.status-disputed{color:var(--bad)}.status-single-source{color:var(--muted)}
.dis{border:1px solid var(--rule);border-left:6px solid var(--bad);padding:.4rem 1rem .8rem;margin:1rem 0;break-inside:avoid}
.dis h3{margin-top:.4rem}
.kind{display:inline-block;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#fff;background:var(--bad);padding:.05rem .4rem;border-radius:3px;margin-right:.4rem}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:44rem){.sides{grid-template-columns:1fr}}
.side{background:#fafafa;border:1px solid #e0e0e0;padding:.3rem .8rem}
blockquote{margin:.4rem 0;padding:.2rem .8rem;border-left:4px solid var(--rule);font-style:normal}
.src{color:var(--muted);font-size:.9rem;margin:.2rem 0 .6rem}
.note{color:var(--warn);font-size:.88rem}
.flag{color:var(--bad);font-weight:600}
.doc{border-top:3px solid var(--rule);margin-top:2rem}
.doc dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.92rem}
.doc dt{font-weight:600}.doc dd{margin:0}
.text p{white-space:pre-wrap;margin:.55rem 0}
.text .k-title{font-size:1.2rem;font-weight:700}.text .k-subtitle,.text .k-heading{font-weight:700}.text .k-byline,.text .k-dateline,.text .k-endnote{color:var(--muted);font-size:.92rem}
.text .k-blockquote{border-left:4px solid var(--rule);padding-left:.8rem}
mark.c{background:var(--claim);color:inherit;padding:0 .05em;border-radius:2px;border-left:1px solid #c9a800}
.ctx{font-size:.88rem;white-space:nowrap}
mark.c-negated{background:var(--neg);border-bottom:2px dashed var(--bad)}
mark.c:target{outline:3px solid #1a73e8;background:#ffe066}
.m{border-bottom:2px solid;padding-bottom:1px}
.m-date{border-color:var(--date);color:var(--date)}
.m-actor{border-color:var(--actor);color:var(--actor);border-bottom-style:dotted}
.m-quantity{border-color:var(--qty);color:var(--qty);border-bottom-style:double;border-bottom-width:3px}
.legend span,.legend mark{margin-right:1rem}
.claims-list{font-size:.92rem}
footer{color:var(--muted);font-size:.85rem;padding:2rem 1.25rem}
@media print{nav,.skip{display:none}body{font-size:11pt}a{color:inherit;text-decoration:none}.sides{grid-template-columns:1fr 1fr}mark.c{background:none;border-bottom:1px solid #000}mark.c-negated{border-bottom:2px dashed #000}.m{color:inherit}}
`;
