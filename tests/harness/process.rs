//! Child processes the harness owns: each in its own process group, stopped TERM → KILL,
//! reaped, and watched by a sentinel so that even a killed test run leaves nothing behind.

use std::fs;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::Once;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// How long a group gets to end after SIGTERM before it gets SIGKILL.
const TERM_GRACE: Duration = Duration::from_millis(1500);
/// How long SIGKILLed processes get to disappear (become zombies and be reaped).
const KILL_GRACE: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(25);

/// Runs when our own process dies without running destructors (Ctrl-C, SIGKILL, abort): it
/// reads stdin, whose only writer is us, so end-of-file means we are gone. A clean teardown
/// writes "done" first. It ignores the terminal's signals, which hit the whole foreground
/// group on Ctrl-C, so that it outlives us long enough to clean up. (No `--` before the
/// negative pgid: dash's `kill` rejects it, and the whole cleanup with it.)
const SENTINEL: &str = r#"trap '' INT HUP TERM QUIT
IFS= read -r line
[ "$line" = done ] && exit 0
kill -TERM "-$1" 2>/dev/null
sleep 1
kill -KILL "-$1" 2>/dev/null
exit 0"#;

/// One started program and everything it starts, as a process group led by it.
///
/// Dropping it stops the group; [`Group::stop`] does the same and reports what survived.
#[derive(Debug)]
pub struct Group {
    name: String,
    child: Child,
    pgid: i32,
    sentinel: Option<(Child, ChildStdin)>,
    stopped: bool,
}

impl Group {
    /// Starts `cmd` as the leader of a new process group. `name` is for messages.
    pub fn spawn(name: &str, mut cmd: Command) -> Result<Group> {
        become_subreaper();
        cmd.process_group(0);
        let child = cmd
            .spawn()
            .with_context(|| format!("could not start {name} ({:?})", cmd.get_program()))?;
        let pgid = i32::try_from(child.id()).context("a pid that does not fit in i32")?;
        let sentinel = match spawn_sentinel(pgid) {
            Ok(s) => Some(s),
            Err(e) => {
                // Without it only a crashed run leaks; a normal run still cleans up.
                eprintln!("e2e: no sentinel for {name}: {e:#}");
                None
            }
        };
        Ok(Group {
            name: name.to_owned(),
            child,
            pgid,
            sentinel,
            stopped: false,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The process group id, which is also the leader's pid.
    pub fn pgid(&self) -> i32 {
        self.pgid
    }

    /// The leader's stdout, when it was started with `Stdio::piped()`.
    pub fn take_stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.stdout.take()
    }

    /// The leader's exit status if it has ended (without blocking).
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Every process currently in the group, zombies included.
    pub fn members(&self) -> Vec<Proc> {
        processes()
            .into_iter()
            .filter(|p| p.pgid == self.pgid)
            .collect()
    }

    /// Stops the whole group: SIGTERM, a short grace period, SIGKILL, then reaps. Errors when
    /// something is still there afterwards. Calling it twice is harmless.
    pub fn stop(&mut self) -> Result<()> {
        if self.stopped {
            return Ok(());
        }
        self.stopped = true;
        self.dismiss_sentinel();
        // The leader stays unreaped (a zombie at worst) until the end, so its pid, which is
        // the pgid we signal, cannot be reused by an unrelated process meanwhile.
        signal_group(self.pgid, libc::SIGTERM);
        if !self.wait_until(TERM_GRACE, |m| m.iter().all(|p| p.is_zombie())) {
            signal_group(self.pgid, libc::SIGKILL);
            self.wait_until(KILL_GRACE, |m| m.iter().all(|p| p.is_zombie()));
        }
        let _ = self.child.wait();
        let gone = self.wait_until(KILL_GRACE, |m| m.is_empty());
        if !gone {
            let left: Vec<String> = self.members().iter().map(Proc::describe).collect();
            bail!("{} left processes behind: {}", self.name, left.join(", "));
        }
        Ok(())
    }

    /// Polls the group until `done(members)` holds, reaping zombies that were handed to us.
    fn wait_until(&mut self, limit: Duration, done: impl Fn(&[Proc]) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            reap_orphans(self.pgid, self.child.id());
            if done(&self.members()) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(POLL);
        }
    }

    fn dismiss_sentinel(&mut self) {
        if let Some((mut child, mut stdin)) = self.sentinel.take() {
            let _ = stdin.write_all(b"done\n");
            drop(stdin);
            let deadline = Instant::now() + Duration::from_secs(2);
            while child.try_wait().ok().flatten().is_none() {
                if Instant::now() >= deadline {
                    let _ = child.kill();
                    break;
                }
                thread::sleep(POLL);
            }
            let _ = child.wait();
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            eprintln!("e2e: {e:#}");
        }
    }
}

fn spawn_sentinel(pgid: i32) -> Result<(Child, ChildStdin)> {
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-c")
        .arg(SENTINEL)
        .arg("e2e-sentinel")
        .arg(pgid.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    let mut child = cmd.spawn().context("could not start /bin/sh")?;
    let stdin = child
        .stdin
        .take()
        .context("the sentinel has no stdin pipe")?;
    Ok((child, stdin))
}

/// Sends `signal` to every process in group `pgid`; a group that is already empty is fine.
pub fn signal_group(pgid: i32, signal: i32) {
    if pgid > 1 {
        // SAFETY: kill(2) has no memory-safety preconditions; a negative pid names a group.
        unsafe {
            libc::kill(-pgid, signal);
        }
    }
}

/// Sends `signal` to one process.
pub fn signal(pid: i32, signal: i32) {
    if pid > 1 {
        // SAFETY: kill(2) has no memory-safety preconditions.
        unsafe {
            libc::kill(pid, signal);
        }
    }
}

/// Makes this process the reaper of its orphaned descendants. WebKitWebDriver, the app and
/// WebKit's helper processes are grandchildren; when their parent dies first they would go to
/// PID 1, which in some containers and VMs reaps late or never, leaving zombies that `pgrep`
/// still lists. As their subreaper we reap them ourselves, at once.
fn become_subreaper() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: prctl(PR_SET_CHILD_SUBREAPER, 1) takes no pointers.
        let rc = unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
        if rc != 0 {
            eprintln!(
                "e2e: could not become a subreaper ({}); orphans go to PID 1",
                std::io::Error::last_os_error()
            );
        }
    });
}

/// Reaps zombies of group `pgid` that were handed to us, except `leader`, which its
/// `Child` reaps (reaping it here would make `Child::wait` fail).
fn reap_orphans(pgid: i32, leader: u32) {
    let me = i32::try_from(std::process::id()).unwrap_or(i32::MAX);
    for p in processes() {
        if p.pgid == pgid && p.ppid == me && p.is_zombie() && p.pid as u32 != leader {
            let mut status = 0;
            // SAFETY: waitpid on a specific pid of our own child, with a valid out pointer.
            unsafe {
                libc::waitpid(p.pid, &mut status, libc::WNOHANG);
            }
        }
    }
}

/// One line of the process table, read from /proc.
#[derive(Debug, Clone)]
pub struct Proc {
    pub pid: i32,
    pub ppid: i32,
    pub pgid: i32,
    pub state: char,
    pub comm: String,
}

impl Proc {
    pub fn is_zombie(&self) -> bool {
        matches!(self.state, 'Z' | 'X')
    }

    /// The command line, NUL-separated arguments split apart; empty for zombies and kernel
    /// threads or when the process is gone.
    pub fn cmdline(&self) -> Vec<String> {
        fs::read(format!("/proc/{}/cmdline", self.pid))
            .map(|raw| {
                raw.split(|b| *b == 0)
                    .filter(|a| !a.is_empty())
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn describe(&self) -> String {
        format!("{} {} ({})", self.pid, self.comm, self.state)
    }
}

/// A snapshot of all processes. Entries that vanish while reading are skipped.
pub fn processes() -> Vec<Proc> {
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|entry| {
        let name = entry.ok()?.file_name();
        let pid: i32 = name.to_str()?.parse().ok()?;
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        parse_stat(pid, &stat)
    })
    .collect()
}

/// Parses `pid (comm) state ppid pgrp ...`; comm may itself contain spaces and parentheses,
/// so the fields start after the last ')'.
fn parse_stat(pid: i32, stat: &str) -> Option<Proc> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let comm = stat.get(open + 1..close)?.to_owned();
    let mut rest = stat.get(close + 1..)?.split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    let pgid = rest.next()?.parse().ok()?;
    Some(Proc {
        pid,
        ppid,
        pgid,
        state,
        comm,
    })
}

/// Whether `pid` has finished exiting: gone, or a zombie with no thread left running.
///
/// A zombie *leader* is not enough: when a multi-threaded process exits, its main thread can
/// show 'Z' while other threads are still tearing down, and the process's files (its D-Bus
/// connection, say) are closed only when the last thread is gone.
pub fn has_exited(pid: i32) -> bool {
    let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else {
        return true;
    };
    tasks.flatten().all(|task| {
        let Some(tid) = task
            .file_name()
            .to_str()
            .and_then(|t| t.parse::<i32>().ok())
        else {
            return true;
        };
        fs::read_to_string(format!("/proc/{pid}/task/{tid}/stat"))
            .ok()
            .and_then(|stat| parse_stat(tid, &stat))
            .is_none_or(|p| p.is_zombie())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_with_parentheses_in_the_name() {
        let p = parse_stat(42, "42 (Web (Content) x) S 7 42 42 0 -1").expect("parses");
        assert_eq!(p.comm, "Web (Content) x");
        assert_eq!((p.state, p.ppid, p.pgid), ('S', 7, 42));
    }
}
