package org.eibench.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Instruction -> token ids for instruction-conditioned ONNX models: BERT-style WordPiece over a JSON vocabulary
 * ({@code {"token": id}}). Text is lower-cased (optional), split on white space and around punctuation, and each word
 * is split greedily into the longest vocabulary prefix followed by {@code ##}-continuations; a word that cannot be
 * split is the unknown token (the algorithm of BERT's {@code WordpieceTokenizer}, without its Unicode
 * normalisation). Ids are {@code [bos] pieces [eos]}, cut to {@code max_length} and padded with the pad id.
 */
public final class Tokenizer {

    private final Map<String, Long> vocab;
    private final ModelCard.TextSpec spec;
    private final long pad;
    private final long unk;

    Tokenizer(Map<String, Long> vocab, ModelCard.TextSpec spec) throws IOException {
        this.vocab = Map.copyOf(vocab);
        this.spec = spec;
        this.pad = require(spec.pad(), "pad");
        this.unk = require(spec.unk(), "unk");
        if (spec.bos() != null) {
            require(spec.bos(), "bos");
        }
        if (spec.eos() != null) {
            require(spec.eos(), "eos");
        }
    }

    private long require(String token, String role) throws IOException {
        Long id = vocab.get(token);
        if (id == null) {
            throw new IOException("the vocabulary has no " + role + " token '" + token + "'");
        }
        return id;
    }

    public static Tokenizer load(Path vocabFile, ModelCard.TextSpec spec) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(vocabFile));
        if (root == null || !root.isObject()) {
            throw new IOException(vocabFile + ": a vocabulary is a JSON object {\"token\": id}");
        }
        Map<String, Long> v = new HashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().canConvertToLong()) {
                throw new IOException(vocabFile + ": id of '" + e.getKey() + "' is not an integer");
            }
            v.put(e.getKey(), e.getValue().asLong());
        }
        return new Tokenizer(v, spec);
    }

    /** Words and punctuation marks, in order. */
    List<String> words(String text) {
        String t = spec.lowercase() ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || isPunctuation(cp)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (!Character.isWhitespace(cp)) {
                    out.add(new String(Character.toChars(cp)));
                }
            } else {
                cur.appendCodePoint(cp);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** WordPiece ids of the text, without specials or padding. */
    public List<Long> pieces(String text) {
        List<Long> ids = new ArrayList<>();
        for (String w : words(text)) {
            List<Long> wordIds = new ArrayList<>();
            int start = 0;
            boolean bad = false;
            while (start < w.length()) {
                int end = w.length();
                Long found = null;
                while (start < end) {
                    String sub = (start > 0 ? "##" : "") + w.substring(start, end);
                    found = vocab.get(sub);
                    if (found != null) {
                        break;
                    }
                    end--;
                }
                if (found == null) {
                    bad = true;
                    break;
                }
                wordIds.add(found);
                start = end;
            }
            if (bad) {
                ids.add(unk);
            } else {
                ids.addAll(wordIds);
            }
        }
        return ids;
    }

    /** {@code [bos] pieces [eos]} cut to max_length (the eos stays) and padded; and the attention mask. */
    public long[][] encode(String text) {
        int max = spec.maxLength();
        List<Long> p = pieces(text);
        List<Long> ids = new ArrayList<>(max);
        if (spec.bos() != null) {
            ids.add(vocab.get(spec.bos()));
        }
        int room = max - ids.size() - (spec.eos() != null ? 1 : 0);
        ids.addAll(p.subList(0, Math.max(0, Math.min(room, p.size()))));
        if (spec.eos() != null && ids.size() < max) {
            ids.add(vocab.get(spec.eos()));
        }
        long[] out = new long[max];
        long[] mask = new long[max];
        for (int i = 0; i < max; i++) {
            out[i] = i < ids.size() ? ids.get(i) : pad;
            mask[i] = i < ids.size() ? 1 : 0;
        }
        return new long[][] {out, mask};
    }
}
