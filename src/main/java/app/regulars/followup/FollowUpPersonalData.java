package app.regulars.followup;

import app.regulars.customer.DataSection;
import app.regulars.customer.DataSection.Field;
import app.regulars.customer.DataSection.Shown;
import app.regulars.customer.Erasure;
import app.regulars.customer.PersonalData;
import app.regulars.i18n.Messages;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follow-ups' part of a customer's privacy requests (decision 0021): their contacts and
 * follow-ups in an export; in an erasure both go (what was said and planned with them is about
 * them through and through), and other customers' follow-ups and contacts that name them have
 * the name masked.
 */
final class FollowUpPersonalData implements PersonalData {
    private final FollowUpService service;

    FollowUpPersonalData(FollowUpService service) {
        this.service = service;
    }

    @Override
    public List<DataSection> export(long customerId, Messages messages) {
        FollowUpRepository repository = service.repository();
        List<List<Object>> contacts = new ArrayList<>();
        for (Contact c : repository.allContacts(service.database().dsl(), customerId)) {
            contacts.add(Arrays.asList(c.occurredAt(), new Shown(c.channel().name(), messages.get("followup.channel." + c.channel().name())),
                    c.summary(), c.outcome(), c.nextStep()));
        }
        List<List<Object>> followUps = new ArrayList<>();
        for (FollowUp f : repository.allFollowUps(service.database().dsl(), customerId)) {
            followUps.add(Arrays.asList(f.dueAt(), new Shown(f.kind().name(), messages.get("followup.kind." + f.kind().name())),
                    FollowUpTitles.of(f, messages), f.notes(), f.owner(),
                    new Shown(f.status().name(), messages.get("followup.status." + f.status().name())),
                    new Shown(f.recurrence().name(), messages.get("followup.recurrence." + f.recurrence().name())), f.completedAt()));
        }
        return List.of(
                DataSection.list("contacts", messages.get("followup.timeline.title"), List.of(
                        new Field("occurredAt", messages.get("followup.timeline.when"), 1.2),
                        new Field("channel", messages.get("privacy.field.channel"), 0.8),
                        new Field("summary", messages.get("followup.timeline.summary"), 2),
                        new Field("outcome", messages.get("followup.timeline.outcome"), 1.5),
                        new Field("nextStep", messages.get("followup.timeline.nextStep"), 1.5)), contacts),
                DataSection.list("followUps", messages.get("privacy.section.followUps"), List.of(
                        new Field("dueAt", messages.get("followup.list.due"), 1.2),
                        new Field("kind", messages.get("followup.list.kind"), 0.9),
                        new Field("title", messages.get("followup.list.title"), 1.8),
                        new Field("notes", messages.get("customer.field.notes"), 1.8),
                        new Field("owner", messages.get("followup.list.owner"), 0.8),
                        new Field("status", messages.get("followup.list.status"), 0.8),
                        new Field("repeats", messages.get("privacy.field.repeats"), 0.8),
                        new Field("completedAt", messages.get("privacy.field.completedAt"), 1.2)), followUps));
    }

    @Override
    public void erase(DSLContext tx, Erasure erasure) {
        FollowUpRepository repository = service.repository();
        repository.erase(tx, erasure.customerId());
        repository.maskMentions(tx, erasure.customerId(), erasure.terms());
    }
}
