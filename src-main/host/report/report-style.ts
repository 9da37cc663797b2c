/** The report's stylesheet: light, compact, printable (plots keep their colours on paper). */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:24px auto;max-width:1100px;padding:0 16px;font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.sub{color:#57606a;margin:0 0 16px}
.headline{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:0}
.headline div{border:1px solid #d0d7de;border-radius:6px;padding:8px 10px}
.headline dt{color:#57606a;font-size:11px;text-transform:uppercase;letter-spacing:.04em}
.headline dd{margin:2px 0 0;font-size:18px;font-weight:600}
.pos{color:#1a7f37}.neg{color:#cf222e}
figure{margin:8px 0 16px}figcaption{font-weight:600;margin-bottom:4px}
svg.plot{width:100%;height:auto;font-size:11px;fill:#57606a}
svg .frame{fill:none;stroke:#d0d7de}svg .grid{stroke:#eaeef2}
svg .line{fill:none;stroke-width:1.5;stroke-linejoin:round}
svg.equity .line{stroke:#0969da}svg.drawdown .line{stroke:#cf222e}
table{border-collapse:collapse;width:100%}
th,td{padding:3px 8px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th{background:#f6f8fa;font-weight:600}
th:first-child,td:first-child{text-align:left}
table.kv td:last-child{text-align:left;white-space:normal;word-break:break-all;font-family:ui-monospace,Consolas,monospace}
table.trades{font-size:12px;font-variant-numeric:tabular-nums}
.empty{color:#57606a}
.wide{overflow-x:auto}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}figure,tr{break-inside:avoid}svg.plot{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;
