package org.computegov.customers;

import org.computegov.registry.kernel.ReadInterface;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Who owns which accounts, as the providers' KYC records say: the customers capability's declared read interface for
 * other capabilities (accounting sums compute per beneficial owner across accounts and providers). Accounts are
 * {@code <provider>/<customer>}; owners are {@link org.computegov.registry.kyc.OwnerKey} values.
 */
@ReadInterface
public final class Ownership {
    public static final Ownership INSTANCE = new Ownership();

    private Ownership() {}

    /** The beneficial owners of any of the accounts, in key order. */
    public List<String> ownersOf(Handle h, Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        List<String> providers = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        for (String a : accounts) {
            int slash = a.indexOf('/');
            providers.add(a.substring(0, slash));
            customers.add(a.substring(slash + 1));
        }
        return h.createQuery("""
                SELECT DISTINCT owner_key FROM beneficial_owner b
                JOIN unnest(:p, :c) AS a(provider, customer_id) ON a.provider = b.provider AND a.customer_id = b.customer_id
                ORDER BY 1""")
                .bindArray("p", String.class, providers).bindArray("c", String.class, customers).mapTo(String.class).list();
    }

    /** The accounts an owner owns, at every provider, in order. */
    public List<String> accountsOf(Handle h, String owner) {
        return h.createQuery("SELECT provider || '/' || customer_id FROM beneficial_owner WHERE owner_key = :o ORDER BY 1")
                .bind("o", owner).mapTo(String.class).list();
    }

    /** Of these customers of a provider, the ones it has a KYC record of (accounting counts no other usage). */
    public java.util.Set<String> identified(Handle h, String provider, Collection<String> customers) {
        return new java.util.TreeSet<>(h.createQuery("SELECT customer_id FROM customer WHERE provider = :p AND customer_id = ANY(:c)")
                .bind("p", provider).bindArray("c", String.class, customers).mapTo(String.class).list());
    }

    /**
     * The names a provider's KYC record gives a customer: its legal name and its beneficial owners' names (an
     * individual without declared owners is its own); empty when there is no record. Accounting links a developer's
     * run to the account with them.
     */
    public List<String> names(Handle h, String provider, String customer) {
        return h.createQuery("""
                SELECT legal_name FROM customer WHERE provider = :p AND customer_id = :c
                UNION ALL SELECT name FROM beneficial_owner WHERE provider = :p AND customer_id = :c ORDER BY 1""")
                .bind("p", provider).bind("c", customer).mapTo(String.class).list();
    }

    /** An owner as listed: key, name, country and accounts. */
    public record Owner(String key, String name, String country, List<String> accounts) {}

    /** One owner as {@link #owners(Handle)} lists it, or null if no account names it. */
    public Owner owner(Handle h, String key) {
        return h.createQuery("""
                SELECT owner_key, min(name), min(country), array_agg(DISTINCT provider || '/' || customer_id ORDER BY provider || '/' || customer_id)
                FROM beneficial_owner WHERE owner_key = :k GROUP BY owner_key""").bind("k", key)
                .map((rs, c) -> new Owner(rs.getString(1), rs.getString(2), rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()))).findFirst().orElse(null);
    }

    public List<Owner> owners(Handle h) {
        return h.createQuery("""
                SELECT owner_key, min(name), min(country), array_agg(DISTINCT provider || '/' || customer_id ORDER BY provider || '/' || customer_id)
                FROM beneficial_owner GROUP BY owner_key ORDER BY 1""")
                .map((rs, c) -> new Owner(rs.getString(1), rs.getString(2), rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()))).list();
    }

    /** The account a customer statement is about (for followers of the {@code customer} kind). */
    public String accountOf(org.computegov.registry.kernel.Input customerStatement) {
        return CustomerKind.account(customerStatement);
    }
}
