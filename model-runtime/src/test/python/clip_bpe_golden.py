#!/usr/bin/env python3
"""CLIP's byte-level BPE tokenizer, re-implemented from OpenAI CLIP's clip/simple_tokenizer.py (openai/CLIP d05afc4)
and clip.tokenize (clip/clip.py lines 205-245, truncate=True), and a small BPE trainer that makes the test's merges
file (CLIP's own bpe_simple_vocab_16e6.txt.gz is not redistributed here).

  clip_bpe_golden.py train CORPUS N OUT_MERGES       learn N merges from CORPUS (this makes clip/merges.txt: N = 300)
  clip_bpe_golden.py tokens MERGES STRINGS OUT_JSON  context-77 ids of every string of STRINGS (a JSON list)

Same steps as simple_tokenizer.py except ftfy.fix_text (basic_clean, line 51), which EIBench does not port; the
strings avoid what it would change. Needs the 'regex' module (Debian: python3-regex).
"""
import html
import json
import sys

import regex

WORD = regex.compile(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
                     regex.IGNORECASE)
SOT, EOT, END = "<|startoftext|>", "<|endoftext|>", "</w>"


def byte_symbols():
    """bytes_to_unicode (lines 15-35): printable Latin-1 bytes keep their character, the rest get 256, 257, ..."""
    keep = set(range(ord("!"), ord("~") + 1)) | set(range(0xA1, 0xAD)) | set(range(0xAE, 0x100))
    out, extra = {}, 0
    for b in range(256):
        if b in keep:
            out[b] = chr(b)
        else:
            out[b] = chr(256 + extra)
            extra += 1
    return out


BYTES = byte_symbols()


def clean(text):
    """basic_clean without ftfy, whitespace_clean, lower (lines 50-59, 123)."""
    text = html.unescape(html.unescape(text)).strip()
    return regex.sub(r"\s+", " ", text).strip().lower()


def words(text):
    """Each regex word as its byte symbols, the last one marked as the end of a word."""
    for w in WORD.findall(clean(text)):
        if w in (SOT, EOT):
            yield w, None
        else:
            s = [BYTES[b] for b in w.encode("utf-8")]
            s[-1] += END
            yield w, s


def read_merges(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    merges = lines[1:49152 - 256 - 2 + 1]
    if merges and merges[-1] == "" and len(merges) == len(lines) - 1:
        merges = merges[:-1]  # a short file's final newline (the published file is longer than the slice)
    return [tuple(m.split()) for m in merges]


def join_pair(symbols, first, second):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == first and symbols[i + 1] == second:
            out.append(first + second)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


class Tokenizer:
    def __init__(self, merges_path):
        merges = read_merges(merges_path)
        vocab = list(BYTES.values())
        vocab += [v + END for v in vocab]
        vocab += ["".join(m) for m in merges]
        vocab += [SOT, EOT]
        self.ids = {v: i for i, v in enumerate(vocab)}
        self.rank = {m: i for i, m in enumerate(merges)}

    def bpe(self, symbols):
        while len(symbols) > 1:
            pairs = set(zip(symbols, symbols[1:]))
            best = min(pairs, key=lambda p: self.rank.get(p, float("inf")))
            if best not in self.rank:
                break
            symbols = join_pair(symbols, *best)
        return symbols

    def encode(self, text):
        out = []
        for w, s in words(text):
            out += [self.ids[w]] if s is None else [self.ids[t] for t in self.bpe(s)]
        return out

    def tokens(self, text, context=77):
        ids = [self.ids[SOT]] + self.encode(text) + [self.ids[EOT]]
        if len(ids) > context:
            ids = ids[:context]
            ids[-1] = self.ids[EOT]
        return ids + [0] * (context - len(ids))


def train(corpus, n, out):
    """Classic BPE: count adjacent pairs over the corpus' words (weighted by frequency), join the most frequent one
    (ties: the smallest pair in code-point order), repeat n times."""
    freq = {}
    for line in open(corpus, encoding="utf-8"):
        for w, s in words(line):
            if s is not None:
                freq[tuple(s)] = freq.get(tuple(s), 0) + 1
    vocab = {k: v for k, v in freq.items()}
    merges = []
    for _ in range(n):
        count = {}
        for s, f in vocab.items():
            for p in zip(s, s[1:]):
                count[p] = count.get(p, 0) + f
        if not count:
            break
        top = max(count.values())
        best = min(p for p, c in count.items() if c == top)
        merges.append(best)
        joined = {}
        for s, f in vocab.items():
            t = tuple(join_pair(list(s), *best))
            joined[t] = joined.get(t, 0) + f
        vocab = joined
    with open(out, "w", encoding="utf-8") as f:
        f.write("#version: 0.2 - eibench test fixture: %d merges learnt from corpus.txt by clip_bpe_golden.py\n" % len(merges))
        f.write("".join("%s %s\n" % m for m in merges))


def main():
    if sys.argv[1] == "train":
        train(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "tokens":
        tok = Tokenizer(sys.argv[2])
        strings = json.load(open(sys.argv[3], encoding="utf-8"))
        json.dump({"vocab_size": len(tok.ids), "tokens": [tok.tokens(s) for s in strings]}, open(sys.argv[4], "w"))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
