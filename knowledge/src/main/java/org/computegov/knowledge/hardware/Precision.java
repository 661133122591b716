package org.computegov.knowledge.hardware;

import java.util.Locale;
import java.util.Optional;

/**
 * A numeric format an accelerator computes in, with the bit length that ECCN 3A090's TPP formula multiplies by.
 * TF32 is counted at 32 bits (its storage width); it never gives a chip's highest TPP, so the choice does not
 * change any classification. Constants run from the widest format to the narrowest.
 */
public enum Precision {
    FP64("FP64", 64, false),
    TF32("TF32", 32, false),
    FP16("FP16/BF16", 16, false),
    INT8("INT8", 8, true),
    FP8("FP8", 8, false),
    FP4("FP4", 4, false);

    private final String label;
    private final int bitLength;
    private final boolean integer;

    Precision(String label, int bitLength, boolean integer) {
        this.label = label;
        this.bitLength = bitLength;
        this.integer = integer;
    }

    public String label() {
        return label;
    }

    public int bitLength() {
        return bitLength;
    }

    /** Integer formats are counted in TOPS, floating-point ones in TFLOP/s; both count a multiply-add as 2. */
    public boolean integer() {
        return integer;
    }

    /** Accepts the enum name or the label, case-insensitively, plus the common spellings BF16, FP32-TF32. */
    public static Optional<Precision> parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Precision p : values()) {
            if (p.name().equals(t) || p.label.replace("/", "").equals(t.replace("/", ""))) {
                return Optional.of(p);
            }
        }
        if (t.equals("BF16") || t.equals("HALF")) {
            return Optional.of(FP16);
        }
        return Optional.empty();
    }
}
