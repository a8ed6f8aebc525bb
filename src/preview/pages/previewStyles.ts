/** The preview pages' stylesheet, with the brand's design tokens when a theme defines them. */
export const PREVIEW_STYLES = `
:root{--pv-primary:var(--tandem-primary,#1f4e8c);--pv-bad:#b3261e;--pv-warn:#8a5300;--pv-ok:#1b6e3a;font-family:var(--tandem-font,system-ui,sans-serif);color:#1d1d1f}
body{margin:0}header{display:flex;flex-wrap:wrap;gap:.75rem;align-items:baseline;padding:.5rem 1rem;border-bottom:1px solid #ccc}
header h1{font-size:1.1rem;margin:0}a{color:var(--pv-primary)}.muted{color:#555}
.build{margin-left:auto;font-weight:600;padding:.1rem .5rem;border-radius:.25rem}
.build[data-state=building]{background:#fff4d6;color:var(--pv-warn)}.build[data-state=done]{background:#e3f4e8;color:var(--pv-ok)}.build[data-state=error]{background:#fde7e7;color:var(--pv-bad)}
.index .units{max-width:60rem;margin:1rem auto;line-height:1.5}.index .units li{margin:.75rem 0}.index p{margin:.1rem 0;color:#444}
.split{display:grid;grid-template-columns:minmax(0,1fr) 26rem;height:calc(100vh - 3rem)}
.stage iframe{width:100%;height:100%;border:0}
.panel{border-left:1px solid #ccc;overflow:auto;padding:.5rem;font-size:.85rem}
.controls{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:.5rem}
.budget meter{width:12rem;vertical-align:middle}
.log{list-style:none;padding:0;margin:0;font-family:ui-monospace,monospace}
.log li{padding:.2rem .3rem;border-bottom:1px solid #eee;word-break:break-all}
.log li.violation{background:#fde7e7;border-left:4px solid var(--pv-bad)}
.log li .why{display:block;color:var(--pv-bad);font-family:system-ui,sans-serif;font-weight:600}
.log li.separator{color:#555;font-style:italic}
.log details pre{white-space:pre-wrap;max-height:14rem;overflow:auto}
[data-diagnostics]{border:2px solid var(--pv-bad);padding:.5rem;margin-bottom:.5rem;background:#fff8f8}
.diagnostic{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.8rem;margin:.25rem 0 .75rem}
.jobaid{display:grid;grid-template-columns:1fr 1fr;gap:1rem;padding:1rem}.jobaid iframe{width:100%;height:80vh;border:1px solid #ccc}
.paper iframe{height:60vh}.qr-check[data-state=ok]{color:var(--pv-ok)}.qr-check[data-state=bad]{color:var(--pv-bad);font-weight:600}
@media (max-width:60rem){.split{grid-template-columns:1fr;height:auto}.stage iframe{height:80vh}.jobaid{grid-template-columns:1fr}}
`;
