//! Acting on a pause: each call replaces the one still waiting, and a call
//! still waiting when its owner (the component that made it) is disposed
//! never runs, so it cannot touch signals that are gone.

use std::{
    rc::Rc,
    sync::{Arc, Mutex},
    time::Duration,
};

use leptos::prelude::*;

/// `run` with the last value given, once `pause` has passed without another.
pub fn debounced<T: 'static>(pause: Duration, run: impl Fn(T) + 'static) -> impl Fn(T) + Clone + 'static {
    let waiting: Arc<Mutex<Option<TimeoutHandle>>> = Arc::default();
    on_cleanup({
        let waiting = waiting.clone();
        move || {
            if let Some(waiting) = take(&waiting) {
                waiting.clear();
            }
        }
    });
    let run = Rc::new(run);
    move |value: T| {
        if let Some(earlier) = take(&waiting) {
            earlier.clear();
        }
        let (run, fired) = (run.clone(), waiting.clone());
        let handle = set_timeout_with_handle(
            move || {
                take(&fired);
                run(value);
            },
            pause,
        );
        if let (Ok(handle), Ok(mut slot)) = (handle, waiting.lock()) {
            *slot = Some(handle);
        }
    }
}

fn take(slot: &Mutex<Option<TimeoutHandle>>) -> Option<TimeoutHandle> {
    slot.lock().ok().and_then(|mut s| s.take())
}
