package org.computegov.ledger.httpsig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.httpsig.SignatureParameter.Algorithm;
import org.computegov.ledger.httpsig.SignatureParameter.Created;
import org.computegov.ledger.httpsig.SignatureParameter.Expires;
import org.computegov.ledger.httpsig.SignatureParameter.KeyId;
import org.computegov.ledger.httpsig.SignatureParameter.Nonce;
import org.computegov.ledger.httpsig.SignatureParameter.Tag;
import org.computegov.ledger.httpsig.StructuredFields.BareItem;
import org.computegov.ledger.httpsig.StructuredFields.InnerList;
import org.computegov.ledger.httpsig.StructuredFields.Item;
import org.computegov.ledger.httpsig.StructuredFields.Parameter;
import org.computegov.ledger.httpsig.StructuredFields.Parameters;
import org.computegov.ledger.httpsig.StructuredFields.SfInteger;
import org.computegov.ledger.httpsig.StructuredFields.SfString;

/**
 * What a signature covers and its metadata (RFC 9421 §2.3): the ordered covered components and
 * the ordered signature parameters. Both orders are the signer's choice and are signed, so they
 * are kept exactly; {@link #serialize()} gives the value of {@code @signature-params} and of the
 * label's member in {@code Signature-Input}.
 */
public record SignatureParameters(List<ComponentId> components, List<SignatureParameter> parameters) {
    public SignatureParameters {
        components = List.copyOf(components);
        parameters = List.copyOf(parameters);
        if (new HashSet<>(components).size() != components.size()) {
            throw new IllegalArgumentException("a component is covered twice: " + components);
        }
        Set<String> keys = new HashSet<>();
        for (SignatureParameter p : parameters) {
            if (!keys.add(p.key())) {
                throw new IllegalArgumentException("signature parameter " + p.key() + " is given twice");
            }
        }
    }

    /** Covered components and parameters, in the order given. */
    public static SignatureParameters of(List<ComponentId> components, SignatureParameter... parameters) {
        return new SignatureParameters(components, List.of(parameters));
    }

    public OptionalLong created() {
        return find(Created.class).map(c -> OptionalLong.of(c.epochSecond())).orElse(OptionalLong.empty());
    }

    public OptionalLong expires() {
        return find(Expires.class).map(e -> OptionalLong.of(e.epochSecond())).orElse(OptionalLong.empty());
    }

    public Optional<String> keyId() {
        return find(KeyId.class).map(KeyId::value);
    }

    public Optional<String> algorithm() {
        return find(Algorithm.class).map(Algorithm::value);
    }

    public Optional<String> nonce() {
        return find(Nonce.class).map(Nonce::value);
    }

    public Optional<String> tag() {
        return find(Tag.class).map(Tag::value);
    }

    private <T extends SignatureParameter> Optional<T> find(Class<T> type) {
        return parameters.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The strict RFC 8941 serialization, e.g. {@code ("@method" "@path");created=1618884473;keyid="k"}. */
    public String serialize() {
        return StructuredFields.serialize(toInnerList());
    }

    InnerList toInnerList() {
        List<Item> items = components.stream().map(c -> new Item(new SfString(c.name()), Parameters.NONE)).toList();
        List<Parameter> params = new ArrayList<>();
        for (SignatureParameter p : parameters) {
            BareItem value;
            if (p instanceof Created c) {
                value = new SfInteger(c.epochSecond());
            } else if (p instanceof Expires e) {
                value = new SfInteger(e.epochSecond());
            } else if (p instanceof KeyId k) {
                value = new SfString(k.value());
            } else if (p instanceof Algorithm a) {
                value = new SfString(a.value());
            } else if (p instanceof Nonce n) {
                value = new SfString(n.value());
            } else {
                value = new SfString(((Tag) p).value());
            }
            params.add(new Parameter(p.key(), value));
        }
        return new InnerList(items, new Parameters(params));
    }

    /** Reads the parsed value of a {@code Signature-Input} member; {@code label} names it in errors. */
    static SignatureParameters fromInnerList(InnerList list, String label) throws FormatException {
        List<ComponentId> components = new ArrayList<>();
        for (Item item : list.items()) {
            if (!(item.value() instanceof SfString name)) {
                throw new FormatException("Signature-Input " + label + ": covered components must be strings, found "
                        + StructuredFields.serialize(item));
            }
            if (!item.parameters().isEmpty()) {
                throw new FormatException("Signature-Input " + label + ": component parameters are not supported, found "
                        + StructuredFields.serialize(item));
            }
            ComponentId id = ComponentId.parse(name.value());
            if (components.contains(id)) {
                throw new FormatException("Signature-Input " + label + ": component " + id + " is covered twice");
            }
            components.add(id);
        }
        List<SignatureParameter> params = new ArrayList<>();
        for (Parameter p : list.parameters().list()) {
            params.add(parameter(p, label));
        }
        return new SignatureParameters(components, params);
    }

    private static SignatureParameter parameter(Parameter p, String label) throws FormatException {
        String where = "Signature-Input " + label + ": parameter " + p.key();
        switch (p.key()) {
            case "created":
            case "expires":
                if (!(p.value() instanceof SfInteger i)) {
                    throw new FormatException(where + " must be an integer, found " + StructuredFields.serialize(p.value()));
                }
                return p.key().equals("created") ? new Created(i.value()) : new Expires(i.value());
            case "keyid":
            case "alg":
            case "nonce":
            case "tag":
                if (!(p.value() instanceof SfString s)) {
                    throw new FormatException(where + " must be a string, found " + StructuredFields.serialize(p.value()));
                }
                return switch (p.key()) {
                    case "keyid" -> new KeyId(s.value());
                    case "alg" -> new Algorithm(s.value());
                    case "nonce" -> new Nonce(s.value());
                    default -> new Tag(s.value());
                };
            default:
                // Every registered parameter is known here; one this verifier cannot honour is refused.
                throw new FormatException("Signature-Input " + label + ": unknown signature parameter " + p.key()
                        + " (known: created, expires, keyid, alg, nonce, tag)");
        }
    }

    @Override
    public String toString() {
        return serialize();
    }
}
