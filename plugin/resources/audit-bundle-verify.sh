#!/bin/sh
# verify.sh: checks this sfia-evidence audit bundle without sfia-evidence and without trusting its
# database, with POSIX sh, awk, sha256sum and openssl only. Run it in the bundle's folder:
#
#   sh verify.sh
#
# It checks, and prints one line per check (OK or what is wrong):
#   1. the certificates: public-key.pem is the key of the first certificate in signing-cert.pem,
#      and each keys/KEYID.pem is the key of a certificate there, named by its SHA-256
#   2. SHA256SUMS is signed by that key (SHA256SUMS.sig) and every file matches it
#   3. the log's hash chain is unbroken
#   4. each checkpoint is signed (by the key its key_id names) over the chain at its entry
#   5. every record of evidence.csv and of evidence.json is the one the log recorded (same
#      fields), every logged record is in both, and withdrawals are the logged ones
#   6. every statement of statements.json is the one the log binds (SHA-256 of its body, or of its
#      erasure-blind form for statements rewritten by an erasure)
#   7. each definitions/SHA256.xml is what its name says
# Exit status: 0 when everything checked out, 1 when anything failed (every check still runs).

LC_ALL=C
export LC_ALL
tab=$(printf '\t')
failed=0
fail() { echo "FAILED: $*"; failed=1; }
sha() { sha256sum | cut -c1-64; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# base64url (JWS) to bytes
b64url_decode() {
  s=$(printf '%s' "$1" | tr '_-' '/+')
  case $(( ${#s} % 4 )) in 2) s="$s==" ;; 3) s="$s=" ;; esac
  printf '%s' "$s" | openssl base64 -d -A
}
key_id() { openssl pkey -pubin -in "$1" -outform DER 2>/dev/null | sha; }

# 1. Certificates and keys
if [ ! -s signing-cert.pem ] || [ ! -s public-key.pem ]; then
  fail "not signed: signing-cert.pem and public-key.pem are missing (exported without audit.signing_key and audit.signing_cert), so nothing here can be checked against a key"
else
  awk -v dir="$work" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (dir "/cert" n ".pem") }' signing-cert.pem
  : > "$work/cert-ids"
  for c in "$work"/cert*.pem; do
    openssl x509 -in "$c" -noout -pubkey > "$c.pub" || { fail "$c: not a certificate"; continue; }
    key_id "$c.pub" >> "$work/cert-ids"
  done
  [ "$(key_id public-key.pem)" = "$(head -n 1 "$work/cert-ids")" ] \
    || fail "public-key.pem is not the key of the first certificate in signing-cert.pem"
  for k in keys/*.pem; do
    [ -e "$k" ] || continue
    id=$(key_id "$k")
    [ "keys/$id.pem" = "$k" ] || fail "$k: its key's SHA-256 is $id"
    grep -qx "$id" "$work/cert-ids" || fail "$k: no certificate in signing-cert.pem has this key"
  done
  echo "certificates: $(wc -l < "$work/cert-ids" | tr -d ' ') in signing-cert.pem"
fi

# 2. SHA256SUMS, signed
if openssl dgst -sha256 -verify public-key.pem -signature SHA256SUMS.sig SHA256SUMS > /dev/null 2>&1; then
  echo "SHA256SUMS: signature OK"
else
  fail "SHA256SUMS.sig: the signature over SHA256SUMS does not verify with public-key.pem"
fi
if sha256sum --quiet -c SHA256SUMS; then echo "files OK"; else fail "files differ from SHA256SUMS"; fi

# 3. The chain
prev=0000000000000000000000000000000000000000000000000000000000000000
expected=1
chain_ok=1
while IFS="$tab" read -r seq action evidence content_sha prev_hash chain_hash && IFS= read -r content <&3; do
  [ "$seq" = "$expected" ] || { fail "entry $seq: expected entry $expected here"; chain_ok=0; break; }
  [ "$(printf '%s' "$content" | sha)" = "$content_sha" ] \
    || { fail "entry $seq ($action $evidence): content does not match content_sha256"; chain_ok=0; }
  [ "$prev_hash" = "$prev" ] || { fail "entry $seq ($action $evidence): does not link to entry $((seq - 1))"; chain_ok=0; }
  [ "$(printf '%s%s' "$prev_hash" "$content_sha" | sha)" = "$chain_hash" ] \
    || { fail "entry $seq ($action $evidence): chain_hash is wrong"; chain_ok=0; }
  prev=$chain_hash
  expected=$((seq + 1))
done < log/chain.tsv 3< log/contents.txt
[ "$chain_ok" = 1 ] && echo "chain OK: $((expected - 1)) entries, head $prev"

# 4. Checkpoints
count=0
while IFS="$tab" read -r seq chain_hash signed_at kid jws; do
  [ -n "$seq" ] || continue
  key="keys/$kid.pem"
  [ -s "$key" ] || { fail "checkpoint at entry $seq: signed by key $kid, which this bundle does not hold"; continue; }
  b64url_decode "${jws##*.}" > "$work/sig"
  printf '%s' "${jws%.*}" | openssl dgst -sha256 -verify "$key" -signature "$work/sig" > /dev/null 2>&1 \
    || { fail "checkpoint at entry $seq: signature does not verify"; continue; }
  payload_part=${jws#*.}
  [ "$(b64url_decode "${payload_part%%.*}")" = "{\"seq\":$seq,\"chainHash\":\"$chain_hash\",\"signedAt\":\"$signed_at\"}" ] \
    || { fail "checkpoint at entry $seq: the signed payload differs from the listed one"; continue; }
  [ "$(awk -F"$tab" -v s="$seq" '$1 == s { print $6 }' log/chain.tsv)" = "$chain_hash" ] \
    || { fail "checkpoint at entry $seq: the chain differs from the signed one"; continue; }
  count=$((count + 1))
done < log/checkpoints.tsv
[ -s log/checkpoints.tsv ] || fail "no checkpoints: nothing signs the log"
echo "checkpoints: $count verified"

# 5. Records against the log; 6. statements (bindings listed for the shell loop below)
awk -v out="$work" '
function parse(s,   n, i, j, c, k, v) {
  split("", F); n = length(s); i = 1
  while (i <= n) {
    if (substr(s, i, 1) != "\"") { i++; continue }
    j = index(substr(s, i + 1), "\""); k = substr(s, i + 1, j - 1); i += j + 2
    c = substr(s, i, 1)
    if (c == "\"") {
      v = ""; i++
      while (i <= n) {
        c = substr(s, i, 1)
        if (c == "\\") { v = v c substr(s, i + 1, 1); i += 2; continue }
        if (c == "\"") break
        v = v c; i++
      }
      i++
    } else if (c == "[") {
      j = index(substr(s, i), "]"); v = substr(s, i + 1, j - 2); i += j
    } else {
      v = ""
      while (i <= n) { c = substr(s, i, 1); if (c == "," || c == "}") break; v = v c; i++ }
      if (v == "null") v = ""
    }
    F[k] = v
    while (i <= n && substr(s, i, 1) != ",") i++
    i++
  }
}
function jesc(s,   i, c, o) {
  o = ""
  for (i = 1; i <= length(s); i++) { c = substr(s, i, 1); o = o ((c in ESC) ? ESC[c] : c) }
  return o
}
function ids(v) { gsub(/"/, "", v); gsub(/,/, " ", v); return v }
function csvsplit(s, out,   n, i, c, f, q, nf) {
  n = length(s); nf = 0; f = ""; q = 0
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1)
    if (q) { if (c == "\"") { if (substr(s, i + 1, 1) == "\"") { f = f "\""; i++ } else q = 0 } else f = f c }
    else if (c == "\"") q = 1
    else if (c == ",") { out[++nf] = f; f = "" }
    else f = f c
  }
  out[++nf] = f
  return nf
}
function bad(m) { print "FAILED: " m; failed = 1 }
BEGIN {
  for (i = 1; i < 32; i++) ESC[sprintf("%c", i)] = sprintf("\\u%04x", i)
  ESC["\\"] = "\\\\"; ESC["\""] = "\\\""; ESC["\n"] = "\\n"; ESC["\r"] = "\\r"; ESC["\t"] = "\\t"
  ESC["\b"] = "\\b"; ESC["\f"] = "\\f"
  nk = split("evidence seq kind learnerRef skill level responsibilities definition levelTextSha256 activity verb " \
             "scoreScaled scoreRaw scoreMin scoreMax success assessorRef outcome noteSha256 evidenceUrl occurredAt " \
             "recordedAt", K, " ")
  njk = split("seq kind learnerRef skill level responsibilities definition levelTextSha256 activity mapping verb " \
              "scoreScaled scoreRaw scoreMin scoreMax success assessorRef outcome noteSha256 evidenceUrl occurredAt " \
              "recordedAt", JK, " ")
}
FILENAME == "log/contents.txt" {
  parse($0)
  if (F["action"] == "record") {
    id = F["evidence"]; logged[id] = 1; nlogged++
    for (k in F) L[id, k] = F[k]
    L[id, "responsibilities"] = ids(F["responsibilities"])
  } else if (F["action"] == "withdraw") {
    W[F["evidence"]] = F["withdrawnAt"]
  }
  # statement bindings: {"id":"S","evidence":...,"bodySha256":"H","signatureSha256":...,"blindSha256":"B"}
  s = $0
  while ((p = index(s, "{\"id\":\"")) > 0) {
    s = substr(s, p + 7); sid = substr(s, 1, index(s, "\"") - 1)
    q = index(s, "\"bodySha256\":\""); if (q == 0) break
    body = substr(s, q + 14, 64)
    q = index(s, "\"blindSha256\":\""); blind = (q ? substr(s, q + 15, 64) : "")
    ev = (substr(s, index(s, "\"evidence\":") + 11, 1) == "\"") ? substr(s, index(s, "\"evidence\":") + 12, 36) : ""
    nb++; BID[nb] = sid; BBODY[nb] = body; BBLIND[nb] = blind; BEV[nb] = ev
  }
  next
}
FILENAME == "evidence.csv" {
  if (FNR == 1) next
  rec = pending ? rec "\n" $0 : $0
  t = rec; nq = gsub(/"/, "", t)
  if (nq % 2) { pending = 1; next }
  pending = 0
  n = csvsplit(rec, C)
  id = C[1]; incsv[id] = 1
  if (!(id in logged)) { bad("evidence.csv: record " id " is not in the log"); next }
  for (i = 2; i <= nk; i++) {
    v = (K[i] == "responsibilities") ? C[i] : jesc(C[i])
    if (v != L[id, K[i]]) bad("evidence.csv: record " id ": " K[i] " is \"" C[i] "\", the log says \"" L[id, K[i]] "\"")
  }
  if (C[23] != ((id in W) ? W[id] : "")) bad("evidence.csv: record " id ": withdrawn_at differs from the log")
  next
}
FILENAME == "evidence.json" {
  line = $0; sub(/,$/, "", line)
  if (line == "[" || line == "]" || line == "") next
  parse(line)
  id = F["id"]; injson[id] = 1
  if (!(id in logged)) { bad("evidence.json: record " id " is not in the log"); next }
  for (i = 1; i <= njk; i++) {
    v = (JK[i] == "responsibilities") ? ids(F[JK[i]]) : F[JK[i]]
    if (v != L[id, JK[i]]) bad("evidence.json: record " id ": " JK[i] " is \"" v "\", the log says \"" L[id, JK[i]] "\"")
  }
  if (F["withdrawnAt"] != ((id in W) ? W[id] : "")) bad("evidence.json: record " id ": withdrawnAt differs from the log")
  PEOPLE[id] = F["learner"] "\t" F["assessor"] "\t" F["note"]
  next
}
END {
  # per bound statement: id, bodySha256, blindSha256, and the people (raw JSON) its record names now
  for (i = 1; i <= nb; i++)
    print BID[i] "\t" BBODY[i] "\t" BBLIND[i] "\t" ((BEV[i] in PEOPLE) ? PEOPLE[BEV[i]] : "\t\t") > (out "/bindings")
  for (id in logged) {
    if (!(id in incsv)) bad("record " id " is in the log but not in evidence.csv")
    if (!(id in injson)) bad("record " id " is in the log but not in evidence.json")
  }
  if (!failed) print "records OK: " nlogged " in the log, evidence.csv and evidence.json"
  exit failed
}' log/contents.txt evidence.csv evidence.json || failed=1

# 6. Statements
touch "$work/bindings"
matched=0; erased=0; unbound=0
while IFS= read -r line; do
  case $line in "["|"]"|"") continue ;; esac
  body=${line%,}
  id=$(printf '%s' "$body" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
  binding=$(awk -F"$tab" -v i="$id" '$1 == i { print; exit }' "$work/bindings")
  if [ -z "$binding" ]; then unbound=$((unbound + 1)); continue; fi
  logged_body=$(printf '%s' "$binding" | cut -f2)
  logged_blind=$(printf '%s' "$binding" | cut -f3)
  if [ "$(printf '%s' "$body" | sha)" = "$logged_body" ]; then matched=$((matched + 1)); continue; fi
  blind=$(printf '%s' "$body" | sed -e 's/,"attachments":\[.*\]}$/}/' \
          -e 's/"name":"[^"\\]*\(\\.[^"\\]*\)*"/"name":""/g' \
          -e 's/"mbox":"[^"\\]*\(\\.[^"\\]*\)*"/"mbox":""/g' \
          -e 's/"response":"[^"\\]*\(\\.[^"\\]*\)*"/"response":""/g' | sha)
  # Same but for names, mboxes and the note: an erasure's rewrite only when each of those values is
  # a pseudonym, "[erased]", or names a person (or the note) its record names now.
  if [ "$blind" = "$logged_blind" ] && printf '%s\n' "$binding" | BODY=$body awk -F"$tab" '
    function allowed(key, v,   p) {
      if (key == "response") return v == "[erased]" || (v != "" && v == $6)
      if (key == "name") { if (substr(v, 1, 7) == "erased-") return 1 }
      else if (substr(v, 1, 14) == "mailto:erased-") return 1
      for (p = 4; p <= 5; p++) {
        if ($p == "") continue
        if (key == "name" && v == $p) return 1
        if (key == "mbox" && (v == "mailto:" $p || substr(v, 1, length($p) + 8) == "mailto:" $p "@")) return 1
      }
      return 0
    }
    {
      body = ENVIRON["BODY"]    # not -v, which would undo the JSON escapes
      n = split("name mbox response", keys, " ")
      for (k = 1; k <= n; k++) {
        s = body; pat = "\"" keys[k] "\":\""
        while ((i = index(s, pat)) > 0) {
          s = substr(s, i + length(pat)); v = ""
          while (length(s) > 0) {
            c = substr(s, 1, 1)
            if (c == "\\") { v = v substr(s, 1, 2); s = substr(s, 3); continue }
            if (c == "\"") break
            v = v c; s = substr(s, 2)
          }
          if (!allowed(keys[k], v)) exit 1
        }
      }
    }'; then erased=$((erased + 1)); continue; fi
  fail "statement $id: its body is not the one the log binds"
done < statements.json
echo "statements: $matched as logged, $erased rewritten by erasure, $unbound not bound by the log (made before binding)"

# 7. Definitions
for f in definitions/*.xml; do
  [ -e "$f" ] || continue
  [ "$(sha < "$f")" = "$(basename "$f" .xml)" ] || fail "$f: content does not match its name"
done

if [ "$failed" = 0 ]; then echo "bundle OK"; else echo "bundle FAILED"; fi
exit "$failed"
