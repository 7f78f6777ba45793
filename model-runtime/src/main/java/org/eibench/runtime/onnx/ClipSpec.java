package org.eibench.runtime.onnx;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text side of a CLIP evaluator card ({@code type: clip}, docs/metrics-generation.md): the text encoder's tensors,
 * in a graph of its own ({@code text.file}) or in the image graph (then one run takes both inputs), and the tokenizer
 * the card names.
 *
 * <pre>
 * text: {file: clip-text.onnx, input: input_ids, mask: attention_mask, output: text_embeds}   # file, mask optional
 * tokenizer: {type: clip-bpe, merges: bpe_simple_vocab_16e6.txt.gz, context_length: 77, pad: 0}
 * </pre>
 *
 * @param textFile      the text encoder's ONNX file relative to the card; null when the image graph has the text input
 * @param textInput     the token ids' input (int64 or int32, [1, context_length])
 * @param textMask      an attention-mask input (1 up to the eot, then 0), or null
 * @param textOutput    the text embedding's output ([1, D], D as the image embedding's)
 * @param merges        the BPE merges file relative to the card (CLIP's {@code bpe_simple_vocab_16e6.txt.gz})
 * @param contextLength ids per text, sot and eot included
 * @param pad           the id after the eot
 */
public record ClipSpec(String textFile, String textInput, String textMask, String textOutput, String merges,
                       int contextLength, int pad) {

    static ClipSpec parse(JsonNode root, String name) throws IOException {
        JsonNode text = root.get("text");
        if (text == null || !text.isObject()) {
            throw new IOException(name + ": a clip card needs 'text: {input, output}' (the text encoder's tensors)");
        }
        ModelCard.allow(text, name, "text.", "file", "input", "mask", "output");
        JsonNode tok = root.get("tokenizer");
        if (tok == null || !tok.isObject()) {
            throw new IOException(name + ": a clip card needs 'tokenizer: {type: clip-bpe, merges: FILE}'");
        }
        ModelCard.allow(tok, name, "tokenizer.", "type", "merges", "context_length", "pad");
        String type = ModelCard.text(tok, "type", name, null);
        if (!"clip-bpe".equals(type)) {
            throw new IOException(name + ": field 'tokenizer.type' must be clip-bpe (CLIP's byte-level BPE), not '" + type + "'");
        }
        int context = integer(tok, "context_length", 77, name);
        int pad = integer(tok, "pad", 0, name);
        if (context < 2) {
            throw new IOException(name + ": field 'tokenizer.context_length' must be at least 2");
        }
        return new ClipSpec(text.hasNonNull("file") ? ModelCard.text(text, "file", name, null) : null,
                ModelCard.text(text, "input", name, null), text.hasNonNull("mask") ? ModelCard.text(text, "mask", name, null) : null,
                ModelCard.text(text, "output", name, null), ModelCard.text(tok, "merges", name, null), context, pad);
    }

    private static int integer(JsonNode n, String field, int fallback, String name) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IOException(name + ": field 'tokenizer." + field + "' must be an integer, not " + v);
        }
        return v.asInt();
    }
}
