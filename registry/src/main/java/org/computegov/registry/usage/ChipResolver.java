package org.computegov.registry.usage;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;

/**
 * Turns the chip names that schedulers and providers use (Slurm GRES types such as {@code h100} or
 * {@code nvidia_a100-sxm4-80gb}, catalog aliases) into catalog chips: first the caller's own names, then the
 * catalog's names and aliases. Answers, and failures, are remembered; safe to share between threads.
 */
final class ChipResolver {
    private final HardwareCatalog catalog;
    private final Map<String, Accelerator> ownNames;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    /**
     * @param ownNames the caller's names for chips (name → catalog name or alias), matched ignoring case
     * @throws InvalidInputException when one of the caller's names points at no catalog chip
     */
    ChipResolver(HardwareCatalog catalog, Map<String, String> ownNames, String field) throws InvalidInputException {
        this.catalog = catalog;
        Map<String, Accelerator> resolved = new ConcurrentHashMap<>();
        for (Map.Entry<String, String> e : ownNames.entrySet()) {
            try {
                resolved.put(key(e.getKey()), catalog.find(e.getValue()));
            } catch (InvalidInputException x) {
                throw new InvalidInputException(field, "'" + e.getKey() + "' is mapped to '" + e.getValue()
                        + "', which " + x.getMessage().replaceFirst("^Chip '[^']*' ", ""), x.hint(), x);
            }
        }
        this.ownNames = resolved;
    }

    HardwareCatalog catalog() {
        return catalog;
    }

    Accelerator resolve(String name) throws InvalidInputException {
        Object known = cache.get(name);
        if (known == null) {
            Accelerator own = ownNames.get(key(name));
            if (own != null) {
                known = own;
            } else {
                try {
                    known = catalog.find(name);
                } catch (InvalidInputException e) {
                    known = e;
                }
            }
            cache.putIfAbsent(name, known);
        }
        if (known instanceof InvalidInputException e) {
            throw e;
        }
        return (Accelerator) known;
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
