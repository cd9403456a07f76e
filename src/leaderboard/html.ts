// The leaderboard panel's HTML: strict CSP (nothing by default, scripts by nonce, styles from the
// extension's own resources or by nonce), the bundle and its css. Pure, so a test can read it.
import { randomBytes } from 'node:crypto';

export interface PanelHtmlInputs {
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri of dist/webview/leaderboard.js and .css */
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

/** 128 random bits, base64: a fresh one per HTML. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource}; font-src ${cspSource}; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

export function leaderboardHtml(i: PanelHtmlInputs): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(i.nonce)) throw new Error('a nonce is base64 of at least 12 random bytes');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(i.cspSource, i.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(i.styleUri)}">
<title>Leaderboard</title>
</head>
<body>
<div id="app"></div>
<script nonce="${i.nonce}" src="${attr(i.scriptUri)}"></script>
</body>
</html>`;
}
