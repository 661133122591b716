package org.computegov.deployment.authorization;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.computegov.deployment.oms.HashedModel;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.ManifestDiff;
import org.computegov.deployment.oms.ModelException;
import org.computegov.deployment.oms.ModelHasher;
import org.computegov.deployment.oms.Progress;
import org.computegov.deployment.oms.Reuse;
import org.computegov.deployment.oms.Serialization;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.bundle.VerifiedBundle;
import org.computegov.ledger.intoto.Statement;

/**
 * The compute provider's check before it serves a model, offline: the authorization bundle is logged, signed by
 * the regulator, fresh and not revoked (the ledger's {@link BundleVerifier}); it is in force now and its conditions
 * admit this region and provider; and the weights on disk hash to the authorized fingerprint. Anything else denies,
 * saying why: the files that differ, or what is wrong with the authorization.
 */
@org.computegov.registry.kernel.Published
public final class ServingCheck {
    private ServingCheck() {}

    /** Where the model would be served; empty means "not checked". */
    public record Site(Optional<String> region, Optional<String> provider) {
        public static final Site ANY = new Site(Optional.empty(), Optional.empty());
    }

    /** Allow or deny, with every reason for a denial and the files that differ (empty when unknown or equal). */
    public record Decision(boolean allowed, List<String> reasons, Optional<Authorization> authorization,
            Optional<String> root, ManifestDiff diff, Optional<Instant> freshUntil) {
        public Decision {
            reasons = List.copyOf(reasons);
        }
    }

    private static final ManifestDiff NONE = new ManifestDiff(List.of(), List.of(), List.of());

    public static Decision check(Path model, Bundle bundle, BundleVerifier verifier, Site site, Instant now,
            ModelHasher hasher, Progress progress) throws ModelException, IOException {
        VerifiedBundle verified;
        Authorization a;
        try {
            verified = verifier.verify(bundle);
            a = Authorization.from(Statement.parse(verified.payload()));
        } catch (VerificationException e) {
            return new Decision(false, List.of("authorization not valid: " + e.getMessage()), Optional.empty(),
                    Optional.empty(), NONE, Optional.empty());
        }
        List<String> reasons = new ArrayList<>();
        if (now.isBefore(a.validFrom())) {
            reasons.add("authorization " + a.id() + " is in force only from " + a.validFrom());
        }
        if (a.validUntil().isPresent() && !now.isBefore(a.validUntil().get())) {
            reasons.add("authorization " + a.id() + " expired at " + a.validUntil().get());
        }
        site.region().filter(r -> !a.regions().isEmpty() && !a.regions().contains(r))
                .ifPresent(r -> reasons.add("region " + r + " is not authorized (authorized: " + String.join(", ", a.regions()) + ")"));
        site.provider().filter(p -> !a.providers().isEmpty() && !a.providers().contains(p))
                .ifPresent(p -> reasons.add("provider " + p + " is not authorized (authorized: " + String.join(", ", a.providers()) + ")"));
        // Hash as the authorization says; OMS's git paths are never part of a model.
        Serialization how = a.serialization().ignoring(Serialization.GIT_PATHS);
        HashedModel h = hasher.hash(model, how, Reuse.NONE, progress);
        String root = h.manifest().rootHex();
        ManifestDiff diff = NONE;
        if (!root.equals(a.rootHex())) {
            Optional<Manifest> authorized = a.manifest();
            if (authorized.isPresent()) {
                diff = authorized.get().diff(h.manifest());
                reasons.add("the weights differ from the authorized model " + a.modelName() + ": "
                        + String.join("; ", diff.lines()));
            } else {
                reasons.add("the weights hash to " + root + ", not the authorized " + a.rootHex()
                        + " (the authorization lists no files; compare with the model's signature to find them)");
            }
        }
        return new Decision(reasons.isEmpty(), reasons, Optional.of(a), Optional.of(root), diff, verified.freshUntil());
    }
}
