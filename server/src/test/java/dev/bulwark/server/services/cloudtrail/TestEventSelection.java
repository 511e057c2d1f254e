package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.services.cloudtrail.model.EventSelection;
import dev.bulwark.server.services.cloudtrail.model.EventSelection.AdvancedSelector;
import dev.bulwark.server.services.cloudtrail.model.EventSelection.BasicSelector;
import dev.bulwark.server.services.cloudtrail.model.EventSelection.EventFacts;
import dev.bulwark.server.services.cloudtrail.model.EventSelection.FieldSelector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which events a trail's selectors log: basic read/write and exclusions, advanced field conditions. */
final class TestEventSelection
{
    private static final EventFacts LIST_USERS = facts(true, "iam.amazonaws.com", "ListUsers");
    private static final EventFacts CREATE_USER = facts(false, "iam.amazonaws.com", "CreateUser");
    private static final EventFacts KMS_ENCRYPT = facts(true, "kms.amazonaws.com", "Encrypt");

    @Test
    void defaultSelectionLogsEveryManagementEvent()
    {
        EventSelection all = EventSelection.allManagementEvents();
        assertThat(List.of(LIST_USERS, CREATE_USER, KMS_ENCRYPT)).allMatch(all::selects);
    }

    @Test
    void basicSelectorsFilterByReadWriteTypeAndExcludedSources()
    {
        EventSelection writes = basic(new BasicSelector("WriteOnly", true, List.of(), List.of()));
        assertThat(writes.selects(CREATE_USER)).isTrue();
        assertThat(writes.selects(LIST_USERS)).isFalse();

        EventSelection reads = basic(new BasicSelector("ReadOnly", true, List.of(), List.of("kms.amazonaws.com")));
        assertThat(reads.selects(LIST_USERS)).isTrue();
        assertThat(reads.selects(KMS_ENCRYPT)).isFalse();
        assertThat(reads.selects(CREATE_USER)).isFalse();

        EventSelection noManagement = basic(new BasicSelector("All", false, List.of(), List.of()));
        assertThat(noManagement.selects(CREATE_USER)).isFalse();
    }

    @Test
    void advancedSelectorsNeedEveryFieldAndAnySelector()
    {
        FieldSelector management = field("eventCategory", List.of("Management"), List.of(), List.of());
        FieldSelector writes = field("readOnly", List.of("false"), List.of(), List.of());
        FieldSelector notKms = field("eventSource", List.of(), List.of(), List.of("kms.amazonaws.com"));
        EventSelection writesNotKms = advanced(new AdvancedSelector("writes", List.of(management, writes, notKms)));
        assertThat(writesNotKms.selects(CREATE_USER)).isTrue();
        assertThat(writesNotKms.selects(LIST_USERS)).isFalse();
        assertThat(writesNotKms.selects(facts(false, "kms.amazonaws.com", "CreateKey"))).isFalse();

        FieldSelector getOrList = field("eventName", List.of(), List.of("Get", "List"), List.of());
        EventSelection either = advanced(new AdvancedSelector("writes", List.of(management, writes)), new AdvancedSelector("reads", List.of(management, getOrList)));
        assertThat(either.selects(CREATE_USER)).isTrue();
        assertThat(either.selects(LIST_USERS)).isTrue();
        assertThat(either.selects(KMS_ENCRYPT)).isFalse();

        EventSelection dataOnly = advanced(new AdvancedSelector("data", List.of(field("eventCategory", List.of("Data"), List.of(), List.of()))));
        assertThat(dataOnly.selects(CREATE_USER)).isFalse();
    }

    @Test
    void aTrailHasOneKindOfSelectors()
    {
        assertThatThrownBy(() -> new EventSelection(List.of(new BasicSelector("All", true, List.of(), List.of())),
                List.of(new AdvancedSelector("a", List.of())))).isInstanceOf(IllegalArgumentException.class);
    }

    private static EventFacts facts(boolean readOnly, String source, String name)
    {
        return new EventFacts("Management", readOnly, source, name, List.of(), List.of());
    }

    private static EventSelection basic(BasicSelector... selectors)
    {
        return new EventSelection(List.of(selectors), List.of());
    }

    private static EventSelection advanced(AdvancedSelector... selectors)
    {
        return new EventSelection(List.of(), List.of(selectors));
    }

    private static FieldSelector field(String name, List<String> equals, List<String> startsWith, List<String> notEquals)
    {
        return new FieldSelector(name, equals, startsWith, List.of(), notEquals, List.of(), List.of());
    }
}
