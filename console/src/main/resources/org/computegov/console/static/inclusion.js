// Checks, in the browser and with its own SHA-256 (Web Crypto), that a log entry is included in the tree whose root
// the signed checkpoint states (RFC 9162 §2.1.3.2). Nothing here trusts the server's arithmetic: the leaf hash is
// recomputed from the entry's bytes and every step of the proof is hashed again. (The checkpoint's signature is
// checked by `cgov log verify-inclusion` with the log's key; this page shows the key beside the note.)
const box = document.getElementById('inclusion');
const statusLine = document.getElementById('inclusion-status');
const steps = document.getElementById('inclusion-steps');
const again = document.getElementById('verify-inclusion');

const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toB64 = (b) => btoa(String.fromCharCode(...new Uint8Array(b)));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const leafHash = (entry) => sha256(concat(Uint8Array.of(0), entry));
const nodeHash = (left, right) => sha256(concat(Uint8Array.of(1), left, right));
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The checkpoint's size and root, read from the signed note's body (origin, size, base64 root). */
function checkpoint() {
  const lines = document.getElementById('checkpoint-note').textContent.split('\n');
  return { size: BigInt(lines[1]), root: fromB64(lines[2]) };
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof cannot be one for (index, size). */
async function rootFromProof(index, size, leaf, proof) {
  if (index >= size) return null;
  let fn = index, sn = size - 1n, r = leaf;
  for (const p of proof) {
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

function step(text, ok) {
  const li = document.createElement('li');
  li.textContent = (ok ? '✓ ' : '✗ ') + text;
  li.className = ok ? 'cg-step cg-step--ok' : 'cg-step cg-step--fail';
  steps.appendChild(li);
}

async function verify() {
  steps.replaceChildren();
  box.classList.remove('cg-verify--ok', 'cg-verify--fail');
  let ok = false;
  try {
    if (!window.crypto || !crypto.subtle) throw new Error('this browser has no Web Crypto here (it needs HTTPS or localhost)');
    const entry = fromB64(box.dataset.entry);
    const index = BigInt(box.dataset.index);
    const proof = box.dataset.proof === '' ? [] : box.dataset.proof.split(',').map(fromB64);
    const cp = checkpoint();
    const leaf = await leafHash(entry);
    step(`Hashed the entry's ${entry.length} bytes: leaf ${toB64(leaf)}`, true);
    const root = await rootFromProof(index, cp.size, leaf, proof);
    if (root === null) {
      step(`The ${proof.length}-step proof does not fit entry ${index} in a tree of ${cp.size}`, false);
    } else {
      ok = same(root, cp.root);
      step(`Followed ${proof.length} proof steps to root ${toB64(root)}`, true);
      step(ok ? `It equals the checkpoint's root for tree size ${cp.size}` : `It differs from the checkpoint's root ${toB64(cp.root)}`, ok);
    }
  } catch (e) {
    step('Could not check: ' + e.message, false);
  }
  box.classList.add(ok ? 'cg-verify--ok' : 'cg-verify--fail');
  statusLine.dataset.state = ok ? 'verified' : 'failed';
  statusLine.textContent = ok
    ? 'Verified in your browser: this entry is in the log the checkpoint describes.'
    : 'Not verified: this entry, proof and checkpoint do not agree. Do not rely on this entry.';
  again.hidden = false;
  return ok;
}

again.addEventListener('click', verify);
window.cgovVerifyInclusion = verify;
verify();
