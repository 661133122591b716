package org.computegov.accounting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.computegov.customers.Ownership;
import org.computegov.registry.screening.NameNormalizer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;

/**
 * Which usage the registry counts: compute is charged to an identified customer, and to a run only through a link
 * the regulator can check in the registry itself (issue 12). A provider's new records are refused whole, with
 * nothing appended, when
 *
 * <ul>
 *   <li>a record's customer account has no KYC record at that provider (409 {@code usage-customer-unidentified}):
 *       compute without KYC is what the registry exists to catch, so the provider files the record first;</li>
 *   <li>a record names a run that is not declared (404 {@code usage-run-undeclared});</li>
 *   <li>a record names a declared run without a link (409 {@code usage-run-not-linked}). Linked means: the run's
 *       declaration lists the provider ({@code providers}) or the account ({@code accounts}), or the provider's
 *       KYC record of the account names the developer (its registered name) as the customer or as a beneficial
 *       owner, compared as denied-party screening compares names (case, diacritics, legal forms, word order).</li>
 * </ul>
 *
 * <p>Refused rather than held aside: a refusal tells the provider at once what to fix, keeps the log free of
 * statements the registry does not count, and needs no later re-assessment when the link appears; the provider
 * resubmits the same records once the KYC record or the declaration is there. Every input is the projection at the
 * statement's log index, so replay decides the same.
 */
final class Attribution {
    /** The most records a refusal lists by job; the rest are counted. */
    private static final int NAMED = 10;
    private final Ownership ownership;

    Attribution(Ownership ownership) {
        this.ownership = ownership;
    }

    void require(Handle h, String provider, Collection<UsageRecord> fresh) throws Rejection {
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, List<UsageRecord>> byCustomer = new LinkedHashMap<>();
        Map<String, List<UsageRecord>> byRun = new LinkedHashMap<>();
        for (UsageRecord r : fresh) {
            byCustomer.computeIfAbsent(r.customer(), k -> new ArrayList<>()).add(r);
            r.runId().ifPresent(run -> byRun.computeIfAbsent(run, k -> new ArrayList<>()).add(r));
        }
        Set<String> known = ownership.identified(h, provider, byCustomer.keySet());
        List<UsageRecord> unidentified = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        byCustomer.forEach((customer, records) -> {
            if (!known.contains(customer)) {
                missing.add(customer);
                unidentified.addAll(records);
            }
        });
        if (!missing.isEmpty()) {
            throw Rejection.conflict("usage-customer-unidentified", "Usage of a customer without a KYC record",
                    unidentified.size() + " record(s) charge account(s) " + String.join(", ", missing) + " of "
                            + provider + ", which have no KYC record: " + jobs(unidentified),
                    "Submit the customers' KYC records first (cgov kyc submit), then the same usage again; the"
                            + " registry counts compute of identified customers only.");
        }
        for (var e : byRun.entrySet()) {
            String run = e.getKey();
            RunLinks links = links(h, run);
            if (links == null) {
                throw new Rejection(404, "usage-run-undeclared", "Usage names an undeclared run", e.getValue().size()
                        + " record(s) name run " + run + ", which is not declared: " + jobs(e.getValue()), null,
                        "The developer declares the run first (cgov runs declare); report the usage after, or without"
                                + " the run.");
            }
            List<UsageRecord> unlinked = new ArrayList<>();
            Map<String, Boolean> byKyc = new LinkedHashMap<>();
            for (UsageRecord r : e.getValue()) {
                boolean linked = links.providers().contains(provider)
                        || links.accounts().contains(provider + "/" + r.customer())
                        || byKyc.computeIfAbsent(r.customer(), c -> kycNames(h, provider, c, links.developerName()));
                if (!linked) {
                    unlinked.add(r);
                }
            }
            if (!unlinked.isEmpty()) {
                Set<String> accounts = new TreeSet<>();
                unlinked.forEach(r -> accounts.add(provider + "/" + r.customer()));
                throw Rejection.conflict("usage-run-not-linked", "Usage names a run it is not linked to",
                        unlinked.size() + " record(s) of account(s) " + String.join(", ", accounts) + " name run "
                                + run + ", but neither does the run's declaration list " + provider + " or the"
                                + " account, nor does the KYC record name " + links.developer() + " as the customer"
                                + " or a beneficial owner: " + jobs(unlinked),
                        "The developer adds \"providers\": [\"" + provider + "\"] (or the account under \"accounts\")"
                                + " to the run's declaration, or the usage is reported without the run.");
            }
        }
    }

    record RunLinks(String developer, String developerName, List<String> providers, List<String> accounts) {}

    private static RunLinks links(Handle h, String run) {
        int slash = run.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String developer = run.substring(0, slash);
        return h.createQuery("""
                SELECT r.providers, r.accounts, a.name FROM run r LEFT JOIN actor a ON a.id = r.developer
                WHERE r.developer = :d AND r.run_id = :r""")
                .bind("d", developer).bind("r", run.substring(slash + 1))
                .map((rs, c) -> new RunLinks(developer, rs.getString(3), List.of((String[]) rs.getArray(1).getArray()),
                        List.of((String[]) rs.getArray(2).getArray())))
                .findFirst().orElse(null);
    }

    /** Whether the KYC record of the account gives the developer's name as the customer's or an owner's. */
    private boolean kycNames(Handle h, String provider, String customer, String developerName) {
        if (developerName == null) {
            return false;
        }
        String developer = key(developerName);
        if (developer.isEmpty()) {
            return false;
        }
        for (String name : ownership.names(h, provider, customer)) {
            if (developer.equals(key(name))) {
                return true;
            }
        }
        return false;
    }

    private static String key(String name) {
        var n = NameNormalizer.normalize(name);
        return n.isEmpty() ? "" : n.sortedKey();
    }

    private static String jobs(List<UsageRecord> records) {
        List<String> named = records.stream().limit(NAMED).map(UsageRecords::job).toList();
        return String.join("; ", named) + (records.size() > NAMED ? "; and " + (records.size() - NAMED) + " more" : "");
    }
}
