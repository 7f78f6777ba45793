package org.eibench.runtime.onnx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's byte-level BPE tokenizer, the algorithm of OpenAI CLIP's {@code clip/simple_tokenizer.py} (openai/CLIP at
 * d05afc4) and of {@code clip.tokenize} ({@code clip/clip.py} lines 205-245), over a merges file such as CLIP's
 * {@code bpe_simple_vocab_16e6.txt.gz} (gzip or plain text; a header line, then one merge per line).
 *
 * <ul>
 *   <li>Vocabulary (lines 66-74): the 256 byte symbols of {@code bytes_to_unicode} (lines 15-35), the same with
 *       {@code </w>}, one symbol per merge in file order (at most {@value #MAX_MERGES}, line 67: merges[1:49152-256-2+1]),
 *       then {@code <|startoftext|>} and {@code <|endoftext|>}: 49408 ids for CLIP's file.</li>
 *   <li>Cleaning (lines 50-59, 123): {@code html.unescape} twice, white space runs to one space, trimmed, lower case.
 *       Not done: {@code ftfy.fix_text} (no Java port): mojibake repair, NFC, curly quotes to straight, ligatures and
 *       full-width forms; text that needs them tokenizes as written. The unescape decodes numeric references and
 *       {@code &amp; &lt; &gt; &quot; &apos; &nbsp;} with their semicolon; other named references stay as written.</li>
 *   <li>Words (line 78): the same regular expression (case-insensitive); {@code \s} is Unicode White_Space, as in
 *       Python's {@code regex} module.</li>
 *   <li>BPE (lines 80-119): the word's bytes as symbols, {@code </w>} on the last, then repeatedly the pair of lowest
 *       merge rank is joined everywhere, left to right, until no pair is a merge.</li>
 *   <li>Context (clip.py lines 230-243): {@code [sot] ids [eot]}, padded with {@link #pad} (0, as clip.tokenize and
 *       open_clip); a longer text is cut to the context length with the last id replaced by eot, as
 *       {@code clip.tokenize(truncate=True)} and open_clip's tokenizer do. (torchmetrics' CLIPScore instead cuts HF's
 *       ids without restoring eot, {@code functional/multimodal/clip_score.py} {@code _get_features}.)</li>
 * </ul>
 * Thread-safe.
 */
public final class ClipBpeTokenizer {

    /** CLIP's vocabulary size less the 256 bytes, 256 bytes with {@code </w>} and 2 specials (simple_tokenizer.py line 67). */
    public static final int MAX_MERGES = 49152 - 256 - 2;
    public static final String SOT = "<|startoftext|>";
    public static final String EOT = "<|endoftext|>";
    private static final String END = "</w>";

    private static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\p{IsWhite_Space}\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SPACE = Pattern.compile("\\p{IsWhite_Space}+");
    private static final Pattern ENTITY = Pattern.compile("&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", "\u00a0");
    private static final String[] BYTE_SYMBOL = byteSymbols();

    private final Map<String, Integer> encoder;
    private final Map<String, Integer> ranks;
    private final int contextLength;
    private final int pad;
    private final int sot;
    private final int eot;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ClipBpeTokenizer(Map<String, Integer> encoder, Map<String, Integer> ranks, int contextLength, int pad) {
        this.encoder = encoder;
        this.ranks = ranks;
        this.contextLength = contextLength;
        this.pad = pad;
        this.sot = encoder.get(SOT);
        this.eot = encoder.get(EOT);
    }

    /**
     * @param merges        the merges file (gzip when it starts with gzip's magic bytes)
     * @param contextLength ids per text, specials included (77 for every CLIP model)
     * @param pad           the id after the eot (0 for OpenAI CLIP and open_clip)
     */
    public static ClipBpeTokenizer load(Path merges, int contextLength, int pad) throws IOException {
        byte[] raw = Files.readAllBytes(merges);
        if (raw.length > 1 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            }
        }
        return parse(new String(raw, StandardCharsets.UTF_8), merges.toString(), contextLength, pad);
    }

    static ClipBpeTokenizer parse(String text, String name, int contextLength, int pad) throws IOException {
        if (contextLength < 2) {
            throw new IOException(name + ": the context length must be at least 2 (sot and eot)");
        }
        String[] lines = text.split("\n", -1);
        int n = Math.min(lines.length - 1, MAX_MERGES);
        // The published file is longer than the slice, so its final newline never counts; a short file's does not either.
        if (n == lines.length - 1 && n > 0 && lines[n].isEmpty()) {
            n--;
        }
        Map<String, Integer> encoder = new HashMap<>();
        List<String> vocab = new ArrayList<>(Arrays.asList(BYTE_SYMBOL));
        for (String b : BYTE_SYMBOL) {
            vocab.add(b + END);
        }
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String[] pair = lines[i + 1].trim().split("\\s+");
            if (pair.length != 2 || pair[0].isEmpty()) {
                throw new IOException(name + ": line " + (i + 2) + " is not a merge of two symbols: '" + lines[i + 1] + "'");
            }
            ranks.put(pair[0] + " " + pair[1], i); // dict(zip(merges, range)): a repeated merge keeps its last rank
            vocab.add(pair[0] + pair[1]);
        }
        vocab.add(SOT);
        vocab.add(EOT);
        // dict(zip(vocab, range)): a symbol listed twice keeps its last id
        for (int i = 0; i < vocab.size(); i++) {
            encoder.put(vocab.get(i), i);
        }
        if (pad < 0 || pad >= vocab.size()) {
            throw new IOException(name + ": pad id " + pad + " is outside the vocabulary (0.." + (vocab.size() - 1) + ")");
        }
        return new ClipBpeTokenizer(Map.copyOf(encoder), Map.copyOf(ranks), contextLength, pad);
    }

    /** {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves, the others for 256 + their rank. */
    private static String[] byteSymbols() {
        String[] s = new String[256];
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            s[b] = String.valueOf((char) (printable ? b : 256 + next++));
        }
        return s;
    }

    public int contextLength() {
        return contextLength;
    }

    /** Vocabulary size: 49408 for CLIP's merges file. */
    public int vocabularySize() {
        return encoder.size();
    }

    /** The cleaned, lower-cased text the words are found in. */
    static String clean(String text) {
        String t = unescape(unescape(text)).strip();
        t = SPACE.matcher(t).replaceAll(" ").strip();
        return t.toLowerCase(Locale.ROOT);
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String rep;
            if (m.group(3) != null) {
                rep = NAMED.get(m.group(3));
            } else {
                int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                // html.unescape replaces or drops NUL, controls, surrogates, non-characters and out-of-range values by
                // its own tables; those are left as written
                boolean plain = cp <= 0x10FFFF && (cp == 9 || cp == 10 || cp == 12 || cp == 13 || (cp >= 0x20 && cp < 0x7F)
                        || (cp > 0x9F && !(cp >= 0xD800 && cp <= 0xDFFF) && !(cp >= 0xFDD0 && cp <= 0xFDEF)
                        && (cp & 0xFFFE) != 0xFFFE));
                rep = plain ? new String(Character.toChars(cp)) : m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** BPE ids of the text, without sot, eot or padding ({@code SimpleTokenizer.encode}). */
    public List<Integer> encode(String text) {
        List<Integer> ids = new ArrayList<>();
        Matcher m = WORDS.matcher(clean(text));
        while (m.find()) {
            for (int id : word(m.group())) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** {@code [sot] ids [eot]} in exactly the context length: cut with eot last, or padded. */
    public long[] tokens(String text) {
        List<Integer> ids = encode(text);
        long[] out = new long[contextLength];
        Arrays.fill(out, pad);
        out[0] = sot;
        int room = Math.min(ids.size(), contextLength - 2);
        for (int i = 0; i < room; i++) {
            out[i + 1] = ids.get(i);
        }
        out[room + 1] = eot;
        return out;
    }

    /** 1 up to and including the eot, 0 on the padding (for graphs that take an attention mask). */
    public long[] mask(long[] tokens) {
        long[] m = new long[tokens.length];
        int len = Math.min(tokens.length, lengthThroughEot(tokens));
        Arrays.fill(m, 0, len, 1L);
        return m;
    }

    private int lengthThroughEot(long[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == eot) {
                return i + 1;
            }
        }
        return tokens.length;
    }

    private int[] word(String token) {
        int[] hit = cache.get(token);
        if (hit != null) {
            return hit;
        }
        int[] ids;
        if (token.equals(SOT) || token.equals(EOT)) {
            ids = new int[] {encoder.get(token)};
        } else {
            byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
            List<String> word = new ArrayList<>(bytes.length);
            for (byte b : bytes) {
                word.add(BYTE_SYMBOL[b & 0xff]);
            }
            word.set(word.size() - 1, word.get(word.size() - 1) + END);
            bpe(word);
            ids = new int[word.size()];
            for (int i = 0; i < ids.length; i++) {
                Integer id = encoder.get(word.get(i));
                if (id == null) {
                    // only a merges file whose results are not built from its own symbols gets here
                    throw new IllegalArgumentException("BPE symbol '" + word.get(i) + "' of '" + token + "' is not in the vocabulary");
                }
                ids[i] = id;
            }
        }
        cache.putIfAbsent(token, ids);
        return ids;
    }

    /** Joins the lowest-ranked adjacent pair everywhere, left to right, until no adjacent pair is a merge. */
    private void bpe(List<String> word) {
        while (word.size() > 1) {
            int best = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (r != null && r < best) {
                    best = r;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) {
                return;
            }
            List<String> merged = new ArrayList<>(word.size());
            for (int i = 0; i < word.size(); ) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i += 2;
                } else {
                    merged.add(word.get(i));
                    i++;
                }
            }
            word.clear();
            word.addAll(merged);
        }
    }
}
