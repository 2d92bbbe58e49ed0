extension HTMLReportRenderer {
    /// The report's stylesheet: system fonts only, tabular figures, print-friendly colours.
    static let css = """
        :root{--ink:#1d2330;--muted:#5f6b7a;--rule:#d9dee5;--bg:#f6f7f9;--card:#fff;--run:#1f5fbf;--bench:#8a94a3;\
        --dd:#c8403a;--ks:#c8403a;--br:#e0a526;--exp:#2f8f6b;--pos:#6a3fb5}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);\
        font:14px/1.45 "DejaVu Sans","Liberation Sans",Helvetica,Arial,sans-serif;font-variant-numeric:tabular-nums}
        main{max-width:1140px;margin:0 auto;padding:20px 24px 40px}
        header h1{font-size:22px;margin:0 0 8px;font-weight:600}
        .mode{font-size:12px;vertical-align:middle;padding:2px 8px;border-radius:10px;background:#e4e9f2;color:#34495e;\
        letter-spacing:.05em}
        .mode-live{background:#fbe3e1;color:#9b2c25}
        dl.identity{display:grid;\
        grid-template-columns:minmax(0,1.35fr) minmax(0,.75fr) minmax(0,1.6fr) minmax(0,1.3fr);\
        gap:4px 18px;margin:0 0 14px;font-size:12px}
        dl.identity div{min-width:0}
        dl.identity dt{color:var(--muted);text-transform:uppercase;font-size:10px;letter-spacing:.06em}
        dl.identity dd{margin:0;font-family:"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
        .kpis{display:grid;grid-template-columns:repeat(7,1fr);gap:10px;margin-bottom:14px}
        .kpi{background:var(--card);border:1px solid var(--rule);border-radius:6px;padding:8px 10px}
        .kpi-label{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.05em;\
        white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .kpi-value{font-size:20px;font-weight:600}
        .kpi.neg .kpi-value{color:var(--dd)}
        section{background:var(--card);border:1px solid var(--rule);border-radius:6px;padding:12px 16px;\
        margin-bottom:14px}
        h2{font-size:15px;margin:0 0 6px;font-weight:600}
        .columns{display:grid;grid-template-columns:1fr 1.25fr;gap:14px}
        .columns section{margin-bottom:14px}
        figure.chart{margin:0}
        figure.chart svg{width:100%;height:auto;display:block}
        figure.small svg{max-width:520px}
        svg text{font-family:"DejaVu Sans","Liberation Sans",Helvetica,Arial,sans-serif}
        .grid{stroke:#e8ebef;stroke-width:1}
        .frame{fill:none;stroke:#b8c0cb;stroke-width:1}
        .baseline{stroke:#9aa4b1;stroke-width:1;stroke-dasharray:2 3}
        .tick{font-size:11px;fill:var(--muted)}
        .axis-title{font-size:11px;fill:var(--muted)}
        .rule{font-size:11px;fill:var(--ink);font-family:"DejaVu Sans Mono",monospace}
        .equity{fill:none;stroke:var(--run);stroke-width:1.6}
        .benchmark{fill:none;stroke:var(--bench);stroke-width:1.2;stroke-dasharray:5 3}
        .drawdown{fill:rgba(200,64,58,.25);stroke:var(--dd);stroke-width:1}
        .exposure{fill:rgba(47,143,107,.25);stroke:var(--exp);stroke-width:1}
        .positions{fill:none;stroke:var(--pos);stroke-width:1.3}
        .band-kill_switch{fill:rgba(200,64,58,.13)}
        .band-breaker{fill:rgba(224,165,38,.18)}
        .heat-block{fill:#c8403a}
        .heat-modify{fill:#e0a526}
        .heat-pass{fill:#dfe9e2}
        .heat-ground{fill:#fafbfc;stroke:#e1e5ea;stroke-width:1}
        .bin{fill:#7d93b5}
        .mark-median{stroke:#34495e;stroke-width:1.4;fill:#34495e}
        .mark-p95{stroke:#c8403a;stroke-width:1.4;stroke-dasharray:4 2;fill:#c8403a}
        .mark-run{stroke:var(--run);stroke-width:2;fill:var(--run)}
        text.marker{font-size:10px;stroke:none}
        ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 6px;padding:0;font-size:12px;\
        color:var(--muted)}
        .swatch{display:inline-block;width:14px;height:10px;margin-right:6px;vertical-align:-1px;border-radius:2px}
        .swatch-equity{background:var(--run);height:3px;vertical-align:3px}
        .swatch-benchmark{background:repeating-linear-gradient(90deg,var(--bench) 0 5px,transparent 5px 8px);\
        height:3px;\
        vertical-align:3px}
        .swatch-drawdown{background:rgba(200,64,58,.35);border:1px solid var(--dd)}
        .swatch-band-kill_switch{background:rgba(200,64,58,.25)}
        .swatch-band-breaker{background:rgba(224,165,38,.35)}
        .swatch-exposure{background:rgba(47,143,107,.35);border:1px solid var(--exp)}
        .swatch-positions{background:var(--pos);height:3px;vertical-align:3px}
        .swatch-heat-block{background:#c8403a}
        .swatch-heat-modify{background:#e0a526}
        .swatch-heat-pass{background:#dfe9e2}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{padding:3px 8px;border-bottom:1px solid #eef0f3;text-align:left;white-space:nowrap}
        thead th{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);\
        border-bottom:1px solid var(--rule);position:sticky;top:0;background:var(--card)}
        table.metrics th{font-weight:normal;color:var(--ink)}
        .num{text-align:right}
        td.neg,.neg{color:var(--dd)}
        td.pos{color:#2f7d4f}
        td.na{color:var(--muted);font-style:italic}
        .mono{font-family:"DejaVu Sans Mono",monospace;font-size:11px;white-space:normal;overflow-wrap:anywhere}
        table.mc{margin-top:8px;max-width:520px}
        .scroll{max-height:520px;overflow:auto}
        .empty{color:var(--muted);font-style:italic}
        footer{color:var(--muted);font-size:11px;text-align:center}
        @media print{body{background:#fff}section{break-inside:avoid}.scroll{max-height:none}}
        """
}
