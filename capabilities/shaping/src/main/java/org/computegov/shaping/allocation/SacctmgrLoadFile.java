package org.computegov.shaping.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.computegov.knowledge.InvalidInputException;

/**
 * Awards as a Slurm {@code sacctmgr load} flat file for one cluster (sacctmgr(1), "FLAT FILE DUMP AND LOAD"): a
 * {@code Cluster} line, then under {@code Parent - 'root'} one {@code Account} per award with
 * {@code GrpTRESMins='gres/gpu[:type]=N'} (quoted: the file's parser splits
 * options at colons outside quotes), then its users under {@code Parent - '<account>'}.
 *
 * <p>GrpTRESMins caps the TRES-minutes an association uses in total, past included, so the limit is the
 * GPU-minutes already used plus the remaining credits at the rate in force on the export day. An award that is
 * not active, or is overdrawn, gets its used minutes as limit: nothing more runs. (Slurm decays usage unless the
 * site runs with {@code PriorityDecayHalfLife=0} or a NoDecay QOS; the typed TRES must be in
 * {@code AccountingStorageTRES}.)
 */
public final class SacctmgrLoadFile {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private SacctmgrLoadFile() {}

    /** One account to load: the award's Slurm account, its users and the limit per TRES in minutes. */
    public record AccountLimit(String account, String description, String organization, List<String> users,
            Map<String, Long> grpTresMins) {
        public AccountLimit {
            users = List.copyOf(users);
            grpTresMins = new TreeMap<>(grpTresMins);
        }
    }

    /** The limits for one award on one cluster, from its draw-down on the export day. */
    public static AccountLimit limitFor(Award award, DrawDown drawDown, List<Resource> resources, String cluster,
            RateSchedule rates, String description, String organization, List<String> users)
            throws InvalidInputException {
        Map<String, Long> limits = new TreeMap<>();
        boolean active = drawDown.status() == AwardStatus.ACTIVE || drawDown.status() == AwardStatus.RENEWAL_REQUESTED;
        for (DrawDown.Line line : drawDown.lines()) {
            Resource r = resources.stream().filter(x -> x.id().equals(line.resource())).findFirst().orElse(null);
            if (r == null || !r.cluster().equals(cluster)) {
                continue;
            }
            double usedMinutes = line.usedGpuHours() * 60;
            double moreMinutes = active && line.remainingCredits() > 0
                    ? rates.gpuHoursFor(r.id(), line.remainingCredits(), drawDown.asOf()) * 60 : 0;
            limits.merge(r.tres(), (long) Math.floor(usedMinutes + moreMinutes), Long::sum);
        }
        return new AccountLimit(award.account(), description, organization, users, limits);
    }

    public static String write(String cluster, LocalDate asOf, List<AccountLimit> accounts) throws InvalidInputException {
        StringBuilder out = new StringBuilder();
        out.append("# computegov allocation awards for cluster ").append(cluster).append(" as of ").append(asOf)
                .append(": load with `sacctmgr load file=FILE`\n");
        out.append("# GrpTRESMins = GPU-minutes used + remaining credits at the exchange rate in force on that day\n");
        out.append("Cluster - ").append(quote(name("cluster", cluster))).append('\n');
        out.append("Parent - 'root'\n");
        List<AccountLimit> sorted = new ArrayList<>(accounts);
        sorted.sort((a, b) -> a.account().compareTo(b.account()));
        for (AccountLimit a : sorted) {
            StringBuilder tres = new StringBuilder();
            a.grpTresMins().forEach((t, m) -> tres.append(tres.length() == 0 ? "" : ",").append(t).append('=').append(m));
            out.append("Account - ").append(quote(name("account", a.account())))
                    .append(":Description=").append(quote(a.description()))
                    .append(":Organization=").append(quote(a.organization()));
            if (tres.length() > 0) {
                // Quoted: sacctmgr splits options at ':' outside quotes, and a typed GPU (gres/gpu:h100) has one.
                out.append(":GrpTRESMins=").append(quote(tres.toString()));
            }
            out.append('\n');
        }
        for (AccountLimit a : sorted) {
            if (a.users().isEmpty()) {
                continue;
            }
            out.append("Parent - ").append(quote(a.account())).append('\n');
            for (String user : a.users()) {
                out.append("User - ").append(quote(name("user", user))).append(":DefaultAccount=")
                        .append(quote(a.account())).append('\n');
            }
        }
        return out.toString();
    }

    /** Slurm keeps names in lower case; anything that is not a plain name would break the colon-separated line. */
    private static String name(String field, String value) throws InvalidInputException {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(v).matches()) {
            throw new InvalidInputException(field, "'" + value + "' is not a Slurm " + field + " name.",
                    "Use letters, digits, '_', '-' and '.', starting with a letter or digit.");
        }
        return v;
    }

    /** Single quotes around a value; quotes inside are dropped because the flat file has no escape. */
    private static String quote(String value) {
        return "'" + (value == null ? "" : value.replace("'", "").replace("\"", "").replace("\n", " ")) + "'";
    }
}
