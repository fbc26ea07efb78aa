package app.regulars.fx;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Long work on the background lane never holds up what the user waits on; the lane keeps its order. */
@ExtendWith(ApplicationExtension.class)
class FxTaskRunnerTest {
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label()));
    }

    @Test
    void theWorkersAnswerWhileTheBackgroundLaneIsBusy() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner()) {
            CountDownLatch dayJobsMayEnd = new CountDownLatch(1);
            CountDownLatch pageShown = new CountDownLatch(1);
            CountDownLatch laneDone = new CountDownLatch(1);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            runner.runInBackground(() -> {
                dayJobsMayEnd.await();
                order.add("day's jobs");
                return null;
            }, ok -> { }, e -> { });
            runner.runInBackground(() -> {
                order.add("insights");
                return null;
            }, ok -> laneDone.countDown(), e -> { });
            runner.run(() -> "a page of the list", page -> {
                order.add(page);
                pageShown.countDown();
            }, e -> { });
            assertThat(pageShown.await(30, TimeUnit.SECONDS)).as("the page came while the day's jobs still ran").isTrue();
            dayJobsMayEnd.countDown();
            assertThat(laneDone.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly("a page of the list", "day's jobs", "insights");
        }
    }
}
