// Imported first: Lit styles any <style> it must create with the page's script nonce (strict CSP).
// Chromium uses constructable stylesheets, which CSP does not block; this covers the fallback.
const script = document.currentScript as HTMLScriptElement | null;
const nonce = script?.nonce || document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
if (nonce) (globalThis as { litNonce?: string }).litNonce = nonce;
export {};
