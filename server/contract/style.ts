/** The reference page's stylesheet (openapi.ts), served as `/api/reference.css` (CSP: nothing inline). */
export const styleReference = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.45;color:#1e1e1e}
h2{border-bottom:2px solid #1e1e1e;padding-top:1rem}section{border-top:1px solid #ccc;padding:.5rem 0}
h3{font-size:1.05rem;margin:.4rem 0}h4{margin:.6rem 0 .2rem;font-size:.95rem}
.m{display:inline-block;min-width:4.2rem;text-align:center;border-radius:3px;color:#fff;font-size:.85rem;padding:.1rem .3rem}
.get{background:#1a5e9a}.post{background:#1d7344}.put,.patch{background:#8a5a00}.delete{background:#a4262c}
pre{background:#f4f4f4;padding:.6rem;overflow:auto;font-size:.8rem}.acces{color:#444;font-size:.9rem}
dl{display:grid;grid-template-columns:4rem 1fr;margin:0}dt{font-weight:bold}dd{margin:0}
nav a{margin-right:1rem}
`;
