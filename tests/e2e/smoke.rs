//! Proves the harness itself, without the app: the private desktop and the driver come up
//! and answer, a WebDriver session works end to end (against WebKit's MiniBrowser), and
//! teardown leaves no process behind.

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{ensure, Context, Result};
use narvaro_e2e::desktop::{SessionBus, Xvfb};
use narvaro_e2e::driver::Driver;
use narvaro_e2e::notifications::NotificationServer;
use narvaro_e2e::paths;
use narvaro_e2e::{run_with, AppSpec, Check, WAIT};

/// Whether any process is left in process group `pgid` (pgrep, zombies included).
fn group_left(pgid: i32) -> Result<Vec<String>> {
    let out = Command::new("pgrep")
        .args(["-a", "-g", &pgid.to_string()])
        .output()
        .context("could not run pgrep")?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect())
}

#[test]
fn desktop_and_driver_start_answer_and_stop_cleanly() -> Result<()> {
    let artifacts = paths::artifacts_dir()?;
    let mut xvfb = Xvfb::start(&artifacts.join("smoke.xvfb.log"))?;
    let display = xvfb.display();
    let socket = format!("/tmp/.X11-unix/X{}", display.trim_start_matches(':'));
    UnixStream::connect(&socket).with_context(|| format!("Xvfb does not answer on {socket}"))?;

    let mut bus = SessionBus::start(&display, &artifacts.join("smoke.dbus.log"))?;
    let reply = Command::new("dbus-send")
        .args([
            &format!("--bus={}", bus.address()),
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.GetId",
        ])
        .output()
        .context("could not run dbus-send")?;
    ensure!(
        reply.status.success(),
        "the private bus does not answer: {}",
        String::from_utf8_lossy(&reply.stderr)
    );

    notification_server_answers_records_and_presses(bus.address())?;

    let vars = [
        ("DISPLAY", display.clone().into()),
        ("DBUS_SESSION_BUS_ADDRESS", bus.address().into()),
    ];
    let mut driver = Driver::start(&vars, &artifacts.join("smoke.driver.log"))?;
    let (port, native_port) = driver.ports();
    for p in [port, native_port] {
        std::net::TcpStream::connect(("127.0.0.1", p))
            .with_context(|| format!("port {p} does not answer"))?;
    }
    ensure!(
        driver.webkit_driver().is_some(),
        "no WebKitWebDriver in the driver's group"
    );

    let pgids = [
        driver.group().pgid(),
        bus.group().pgid(),
        xvfb.group().pgid(),
    ];
    driver.stop()?;
    bus.group().stop()?;
    xvfb.group().stop()?;
    for pgid in pgids {
        let left = group_left(pgid)?;
        ensure!(
            left.is_empty(),
            "process group {pgid} outlived teardown: {left:?}"
        );
    }
    for p in [port, native_port] {
        ensure!(
            std::net::TcpStream::connect(("127.0.0.1", p)).is_err(),
            "port {p} still answers after teardown"
        );
    }
    ensure!(
        !std::path::Path::new(&socket).exists() || UnixStream::connect(&socket).is_err(),
        "Xvfb still answers"
    );
    Ok(())
}

/// The fake notification server as a client sees it: it is found by its name, offers action
/// buttons, records a Notify call with what it said, and a press reaches the listening client.
fn notification_server_answers_records_and_presses(address: &str) -> Result<()> {
    use std::collections::HashMap;
    use std::sync::mpsc;
    use std::time::Duration;

    const NAME: &str = "org.freedesktop.Notifications";
    const PATH: &str = "/org/freedesktop/Notifications";
    let server = NotificationServer::start(address)?;
    let client = zbus::blocking::connection::Builder::address(address)?
        .build()
        .context("a client could not join the private bus")?;
    let caps: Vec<String> = client
        .call_method(Some(NAME), PATH, Some(NAME), "GetCapabilities", &())
        .context("GetCapabilities failed")?
        .body()
        .deserialize()?;
    ensure!(
        caps.iter().any(|c| c == "actions"),
        "the server does not offer actions: {caps:?}"
    );

    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface(NAME)?
        .member("ActionInvoked")?
        .build();
    let mut signals = zbus::blocking::MessageIterator::for_match_rule(rule, &client, None)
        .context("could not listen for ActionInvoked")?;
    let hints: HashMap<&str, zbus::zvariant::Value<'_>> = HashMap::new();
    let actions = ["default", "Open", "done", "Done"];
    let id: u32 = client
        .call_method(
            Some(NAME),
            PATH,
            Some(NAME),
            "Notify",
            &(
                "Närvaro",
                0u32,
                "",
                "Öppen tid starts now",
                "10:00–10:30",
                &actions[..],
                hints,
                -1i32,
            ),
        )
        .context("Notify failed")?
        .body()
        .deserialize()?;
    let notified = server.notified();
    let [one] = notified.as_slice() else {
        anyhow::bail!("one Notify call, recorded: {notified:?}");
    };
    ensure!(
        one.id == id
            && one.app_name == "Närvaro"
            && one.summary == "Öppen tid starts now"
            && one.body == "10:00–10:30"
            && one.action_keys() == ["default", "done"]
            && one.action_label("done") == Some("Done"),
        "the server recorded {one:?} for Notify, which it answered with {id}"
    );

    server.invoke_action(id, "done")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let heard = signals
            .next()
            .map(|m| m.and_then(|m| m.body().deserialize::<(u32, String)>()));
        let _ = tx.send(heard);
    });
    let heard = rx
        .recv_timeout(Duration::from_secs(10))
        .context("the client heard no ActionInvoked within 10 s")?
        .context("the client's signal stream ended")?
        .context("ActionInvoked did not carry (u32, string)")?;
    ensure!(
        heard == (id, "done".to_owned()),
        "the client heard ActionInvoked{heard:?}, not ({id}, \"done\")"
    );
    Ok(())
}

/// WebKit's own test browser, installed with the WebKitGTK library the app links anyway.
fn minibrowser() -> Option<PathBuf> {
    let candidates = std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("webkit2gtk-4.1").join("MiniBrowser"))
        .chain([PathBuf::from("/usr/libexec/webkit2gtk-4.1/MiniBrowser")]);
    candidates.into_iter().find(|p| p.is_file())
}

const PAGE: &str = r#"
document.body.innerHTML = `
  <form onsubmit="event.preventDefault();
      const li = document.createElement('li');
      li.dataset.personId = String(document.querySelectorAll('li').length + 1);
      li.textContent = document.getElementById('n').value;
      document.querySelector('ul').append(li);">
    <label for="n">Name</label> <input id="n">
    <label>Role <span>(optional)</span> <input id="r"></label>
    <button type="submit">Save</button>
  </form>
  <ul aria-label="Active"></ul>`;
"#;

#[tokio::test(flavor = "multi_thread")]
async fn webdriver_session_restart_and_teardown() -> Result<()> {
    let Some(browser) = minibrowser() else {
        eprintln!("skipped: WebKit's MiniBrowser is not installed here");
        return Ok(());
    };
    let spec = AppSpec {
        binary: browser,
        browser_name: "MiniBrowser".to_owned(),
        args: vec!["--automation".to_owned()],
        pass_data_dir: false,
        shell: false,
        lang: narvaro_e2e::ENGLISH_US.to_owned(),
    };
    let mut pgids = Vec::new();
    run_with("harness_smoke", spec, async |app| {
        pgids.extend([
            app.driver().group().pgid(),
            app.bus().group().pgid(),
            app.xvfb().group().pgid(),
        ]);
        for round in ["first", "after restart"] {
            app.client()?
                .execute(PAGE, vec![])
                .await
                .context("could not set up the page")?;
            app.fill("Name", "Åsa <b>Öberg</b>").await?;
            app.fill("Role", "Handläggare").await?;
            ensure!(
                app.field_value("Role").await? == "Handläggare",
                "{round}: typing ä failed"
            );
            app.click_button("Save").await?;
            let rows = app
                .wait_for_rows("Active", "shows the typed name", |rows| {
                    rows.iter().any(|r| r.shows("Åsa <b>Öberg</b>"))
                })
                .await?;
            ensure!(rows[0].id.as_deref() == Some("1"), "{round}: rows {rows:?}");
            let path = app.screenshot().await?;
            ensure!(
                std::fs::metadata(&path)?.len() > 1000,
                "{round}: an empty screenshot"
            );
            app.restart().await?;
        }
        // A wait that cannot succeed fails with what it saw, and does not hang.
        let miss =
            narvaro_e2e::wait_until("never", std::time::Duration::from_millis(200), async || {
                Ok(Check::<()>::Waiting("nothing".into()))
            })
            .await;
        ensure!(
            miss.is_err() && WAIT.as_secs() > 1,
            "a hopeless wait returned"
        );
        Ok(())
    })
    .await?;
    for pgid in pgids {
        let left = group_left(pgid)?;
        ensure!(
            left.is_empty(),
            "process group {pgid} outlived teardown: {left:?}"
        );
    }
    Ok(())
}
