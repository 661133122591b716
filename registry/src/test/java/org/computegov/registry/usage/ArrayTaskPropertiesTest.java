package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Job-array task lists as sacct prints them: whatever set of tasks is printed, the same set is read back. */
class ArrayTaskPropertiesTest {

    /** How Slurm prints a set of task indexes: ascending, runs of consecutive indexes as ranges. */
    static String slurmList(Set<Integer> tasks) {
        List<String> parts = new ArrayList<>();
        Integer runStart = null;
        Integer previous = null;
        for (int t : new TreeSet<>(tasks)) {
            if (previous != null && t == previous + 1) {
                previous = t;
                continue;
            }
            if (runStart != null) {
                parts.add(runStart.equals(previous) ? String.valueOf(runStart) : runStart + "-" + previous);
            }
            runStart = t;
            previous = t;
        }
        parts.add(runStart.equals(previous) ? String.valueOf(runStart) : runStart + "-" + previous);
        return String.join(",", parts);
    }

    @Provide
    Arbitrary<Set<Integer>> taskSets() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 300);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, SlurmJobId.MAX_ARRAY_INDEX);
        return Arbitraries.oneOf(small, any).set().ofMinSize(1).ofMaxSize(120);
    }

    @Property
    void aFoldedListExpandsToExactlyItsTasks(@ForAll("taskSets") Set<Integer> tasks) throws Exception {
        SlurmJobId id = SlurmJobId.parse("4103947_[" + slurmList(tasks) + "]", SacctParser.MAX_TASKS_PER_LINE);
        assertThat(id.base()).isEqualTo("4103947");
        assertThat(id.tasks()).containsExactly(new TreeSet<>(tasks).stream().mapToInt(Integer::intValue).toArray());
    }

    @Property
    void aThrottleChangesNothing(@ForAll("taskSets") Set<Integer> tasks, @ForAll @IntRange(min = 1, max = 999) int throttle)
            throws Exception {
        String list = slurmList(tasks);
        SlurmJobId plain = SlurmJobId.parse("77_[" + list + "]", SacctParser.MAX_TASKS_PER_LINE);
        SlurmJobId throttled = SlurmJobId.parse("77_[" + list + "%" + throttle + "]", SacctParser.MAX_TASKS_PER_LINE);
        assertThat(throttled).isEqualTo(plain);
    }

    @Property
    void aSingleTaskIsOneTask(@ForAll @IntRange(min = 0, max = 4_000_000) int task) throws Exception {
        SlurmJobId id = SlurmJobId.parse("123_" + task, 1);
        assertThat(id.tasks()).containsExactly(task);
        assertThat(id.forTask(0)).isEqualTo("123_" + task);
    }

    @Property
    void aSteppedRangeIsAnArithmeticSequence(@ForAll @IntRange(min = 0, max = 5000) int first,
            @ForAll @IntRange(min = 0, max = 5000) int length, @ForAll @IntRange(min = 1, max = 97) int step)
            throws Exception {
        int last = first + length;
        int[] expected = IntStream.iterate(first, t -> t <= last, t -> t + step).toArray();
        assertThat(SlurmJobId.parse("5_[" + first + "-" + last + ":" + step + "]", 100_000).tasks())
                .containsExactly(expected);
    }

    @Property
    void tasksOutOfOrderOrRepeatedAreRefused(@ForAll @Size(min = 2, max = 20) @UniqueElements
            List<@IntRange(min = 0, max = 100_000) Integer> tasks) {
        List<Integer> descending = new ArrayList<>(new TreeSet<>(tasks).descendingSet());
        String list = String.join(",", descending.stream().map(String::valueOf).toList());
        assertThatThrownBy(() -> SlurmJobId.parse("9_[" + list + "]", 1000)).isInstanceOf(LineProblem.class)
                .hasMessageContaining("out of order or repeated");
        String repeated = tasks.get(0) + "," + tasks.get(0);
        assertThatThrownBy(() -> SlurmJobId.parse("9_[" + repeated + "]", 1000)).isInstanceOf(LineProblem.class);
    }

    @Property(tries = 200)
    void theParserGivesOneRecordPerTaskWithTheTaskInItsJobId(@ForAll("taskSets") Set<Integer> tasks) {
        ParsedUsage parsed = Samples.solParser().parse(SacctLine.lines(SacctLine.job().with("jobid",
                "4103947_[" + slurmList(tasks) + "]")));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).extracting(UsageRecord::jobId).containsExactlyElementsOf(
                new TreeSet<>(tasks).stream().map(t -> "4103947_" + t).toList());
        assertThat(parsed.records()).extracting(UsageRecord::recordId).doesNotHaveDuplicates();
    }

    @Example
    void theExamplesFromTheBrief() throws Exception {
        assertThat(SlurmJobId.parse("4103947_[9-11,13]", 100).tasks()).containsExactly(9, 10, 11, 13);
        assertThat(SlurmJobId.parse("123_[1-3%2]", 100).tasks()).containsExactly(1, 2, 3);
        assertThat(SlurmJobId.parse("4103947_9", 100).tasks()).containsExactly(9);
        assertThat(SlurmJobId.parse("4103947", 100).tasks()).isNull();
        assertThat(SlurmJobId.parse("4104000+1", 100).forTask(0)).isEqualTo("4104000+1");
    }

    @Example
    void malformedIdsAreRefused() {
        for (String bad : List.of("", "_1", "12_", "12_[]", "12_[1-]", "12_[-3]", "12_[1-3%]", "12_[1-3%x]",
                "12_[a]", "12_[1,,2]", "12_[5-10:0]", "12+", "12+x", "12x", "0", "99999999999", "12_[1-3]x",
                "12_1_2", "12_[1-3")) {
            assertThatThrownBy(() -> SlurmJobId.parse(bad, 100)).as(bad).isInstanceOf(LineProblem.class);
        }
    }
}
