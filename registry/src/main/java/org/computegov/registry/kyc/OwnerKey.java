package org.computegov.registry.kyc;

import java.util.Locale;
import java.util.Objects;
import org.computegov.registry.screening.NameNormalizer;
import org.computegov.registry.screening.NormalizedName;

/**
 * The identity of a beneficial owner across accounts and providers, to add up the compute one owner controls
 * however many accounts it spreads it over.
 *
 * <ul>
 *   <li>With an identifier: the identifier, scheme and value in upper case, spaces removed:
 *       {@code LEI:5493001KJTIIGC8Y1R12}.</li>
 *   <li>Without: {@code name:} + the name as denied-party screening normalizes it ({@link NameNormalizer}: case,
 *       diacritics, transliteration, legal forms, abbreviations), its words sorted, + {@code |} + the country:
 *       "Müller Holdings GmbH" and "MULLER HOLDINGS" of DE are both {@code name:holdings muller|DE}.</li>
 * </ul>
 *
 * <p>Keys of the two kinds never collide (identifier schemes may not be "name", name keys are lower case). An owner
 * known by identifier at one provider and by name at another gets two keys: joining them takes a person, not a
 * rule. Names in scripts the normalizer does not transliterate (Chinese, Arabic, …) only meet the same script.
 *
 * @param value the key's text
 */
public record OwnerKey(String value) {
    public OwnerKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an owner key is not blank");
        }
    }

    /** The key of an owner: by identifier when it has one, else by normalized name and country. */
    public static OwnerKey of(BeneficialOwner owner) {
        if (owner.identifier() != null) {
            String id = owner.identifier().replace(" ", "").toUpperCase(Locale.ROOT);
            return new OwnerKey(id);
        }
        NormalizedName name = NameNormalizer.normalize(owner.name());
        String words = name.isEmpty()
                // A name of punctuation and symbols only: folded text, so such names still differ from each other.
                ? String.join(" ", NameNormalizer.fold(owner.name()).strip().split("\\s+"))
                : name.sortedKey();
        return new OwnerKey("name:" + words + "|" + owner.country());
    }

    @Override
    public String toString() {
        return value;
    }
}
