// The Training Run webview's page: strict CSP, scripts only by nonce, no inline styles. Pure (no
// 'vscode'), so the browser test serves exactly this page.
export interface RunHtmlInput {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function runPanelHtml({ cspSource, nonce, scriptUri, styleUri }: RunHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src ${cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${styleUri}">
<title>Training Run</title></head>
<body><header><h1 id="title">Training Run</h1><span id="status" role="status"></span>
<progress id="progress" max="100" value="0"></progress>
<button id="showLog" type="button">Show Log</button><button id="openLogFile" type="button">Open Log File</button><button id="cancel" type="button">Cancel</button>
<label><input id="logScale" type="checkbox"> log scale</label></header>
<p id="error" hidden></p><p id="empty">No metrics in the log yet. Lines like <code>{"epoch": 1, "loss": 0.5}</code>, <code>loss=0.5</code> or <code>loss: 0.5</code> are charted as they arrive.</p>
<main id="charts" aria-label="Metrics charts"></main>
<script nonce="${nonce}" src="${scriptUri}"></script></body></html>`;
}
