package org.computegov.ledger.httpsig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.httpsig.StructuredFields.Dictionary;
import org.computegov.ledger.httpsig.StructuredFields.DictionaryMember;
import org.computegov.ledger.httpsig.StructuredFields.Duplicates;
import org.computegov.ledger.httpsig.StructuredFields.InnerList;
import org.computegov.ledger.httpsig.StructuredFields.Item;
import org.computegov.ledger.httpsig.StructuredFields.Member;
import org.computegov.ledger.httpsig.StructuredFields.Parameters;
import org.computegov.ledger.httpsig.StructuredFields.SfByteSequence;

/**
 * The values of the {@code Signature-Input} and {@code Signature} fields (RFC 9421 §4.1, §4.2):
 * RFC 8941 Dictionaries keyed by signature label, of Inner Lists with parameters and of Byte
 * Sequences respectively.
 */
public record SignatureHeaders(String signatureInput, String signature) {
    public static final String SIGNATURE_INPUT = "Signature-Input";
    public static final String SIGNATURE = "Signature";
    /** Longest field value read, after combining field lines: far above any real use, well below abuse. */
    public static final int MAX_FIELD_LENGTH = 8192;

    public SignatureHeaders {
        if (signatureInput == null || signature == null) {
            throw new IllegalArgumentException("both field values are required");
        }
    }

    /** The two field values carrying one signature. */
    public static SignatureHeaders of(MessageSignature sig) {
        Dictionary input = new Dictionary(List.of(new DictionaryMember(sig.label(), sig.parameters().toInnerList())));
        Dictionary value = new Dictionary(
                List.of(new DictionaryMember(sig.label(), new Item(new SfByteSequence(sig.signature()), Parameters.NONE))));
        return new SignatureHeaders(StructuredFields.serialize(input), StructuredFields.serialize(value));
    }

    /**
     * The two fields of a request, each one's lines combined as RFC 8941 §4.2 says; empty when the
     * request carries neither.
     *
     * @throws FormatException if it carries only one of them
     */
    public static Optional<SignatureHeaders> in(HttpRequestView request) throws FormatException {
        List<String> input = request.fieldValues(SIGNATURE_INPUT);
        List<String> sig = request.fieldValues(SIGNATURE);
        if (input.isEmpty() && sig.isEmpty()) {
            return Optional.empty();
        }
        if (input.isEmpty() || sig.isEmpty()) {
            throw new FormatException("a request signature needs both the Signature-Input and the Signature field; only "
                    + (input.isEmpty() ? SIGNATURE : SIGNATURE_INPUT) + " is present");
        }
        return Optional.of(new SignatureHeaders(String.join(", ", input), String.join(", ", sig)));
    }

    /**
     * Parses both fields into their signatures, in {@code Signature-Input} order. Labels must be
     * unique and the same in both fields (RFC 9421 §4); every member must have the right type.
     */
    public List<MessageSignature> signatures() throws FormatException {
        Parsed p = parsed();
        List<MessageSignature> out = new ArrayList<>();
        for (String label : p.inputs.keys()) {
            out.add(p.signature(label));
        }
        return out;
    }

    /** The labels of the signatures, in {@code Signature-Input} order, checked as in {@link #signatures()}. */
    public List<String> labels() throws FormatException {
        return parsed().inputs.keys();
    }

    /**
     * The signature under {@code label}, if any. Both fields must parse and carry the same labels,
     * but only this label's members are read further, so a signature of a kind this package does
     * not handle (added by someone else, under another label) does not stand in the way.
     */
    public Optional<MessageSignature> signature(String label) throws FormatException {
        Parsed p = parsed();
        return p.inputs.get(label).isPresent() ? Optional.of(p.signature(label)) : Optional.empty();
    }

    private Parsed parsed() throws FormatException {
        Dictionary inputs = parse(signatureInput, SIGNATURE_INPUT);
        Dictionary values = parse(signature, SIGNATURE);
        Set<String> inputLabels = new TreeSet<>(inputs.keys());
        Set<String> valueLabels = new TreeSet<>(values.keys());
        if (!inputLabels.equals(valueLabels)) {
            throw new FormatException("Signature-Input has labels " + inputLabels + " but Signature has " + valueLabels
                    + "; each label must be in both");
        }
        return new Parsed(inputs, values);
    }

    private record Parsed(Dictionary inputs, Dictionary values) {
        MessageSignature signature(String label) throws FormatException {
            Member input = inputs.get(label).orElseThrow();
            if (!(input instanceof InnerList list)) {
                throw new FormatException("Signature-Input " + label + " must be an inner list of components, found "
                        + StructuredFields.serialize(input));
            }
            Member value = values.get(label).orElseThrow();
            // Parameters on the byte sequence have no meaning in RFC 9421 and are not signed: ignored.
            if (!(value instanceof Item item) || !(item.value() instanceof SfByteSequence bytes)) {
                throw new FormatException("Signature " + label + " must be a byte sequence (:base64:), found "
                        + StructuredFields.serialize(value));
            }
            return new MessageSignature(label, SignatureParameters.fromInnerList(list, label), bytes.value());
        }
    }

    private static Dictionary parse(String value, String field) throws FormatException {
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new FormatException(field + " is " + value.length() + " characters long, over the limit of " + MAX_FIELD_LENGTH);
        }
        // Labels must be unique across all field lines (RFC 9421 §4.1, §4.2), so a repeated key is an
        // error rather than RFC 8941's last-one-wins, which would let a later line replace a signature.
        Dictionary d = StructuredFields.parseDictionary(value, field, Duplicates.REJECT);
        if (d.members().isEmpty()) {
            throw new FormatException(field + " is empty");
        }
        return d;
    }
}
