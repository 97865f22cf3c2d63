"""Times, with the browser's performance API, (1) from pressing "Sign in" to
the first row of the users table of a 10,000-user tenant, and (2) from a
click on a role checkbox to the DOM showing its knock-on effect and to the
next frame. Prints medians over repeated runs."""

import statistics
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

URL, PASSWORD = sys.argv[1], sys.argv[2]
RUNS, TOGGLES = 15, 40

options = webdriver.ChromeOptions()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--window-size=1280,900"]:
    options.add_argument(arg)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 30)

SIGN_IN = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
new MutationObserver((_, o) => {
  if (document.querySelector('table.users tbody tr')) { o.disconnect(); done(performance.now() - t0); }
}).observe(document.body, {childList: true, subtree: true});
document.querySelector('form button[type=submit]').click();
"""

TOGGLE = """
// Ticks Manage users (the panel ticks Website access with it), or, when it is
// ticked, unticks Website access (the panel unticks Manage users): either way
// the measured change is the panel's own, not the browser's native toggle.
const done = arguments[arguments.length - 1];
const admin = document.getElementById('role-user-admin');
const website = document.getElementById('role-customer-user');
const ticking = !admin.checked;
const settled = ticking ? () => website.checked : () => !admin.checked;
const t0 = performance.now();
(ticking ? admin : website).click();
const poll = () => {
  if (settled()) {
    const dom = performance.now() - t0;
    requestAnimationFrame(() => done([dom, performance.now() - t0]));
  } else { setTimeout(poll, 0); }
};
poll();
"""

driver.set_script_timeout(30)
sign_in = []
for _ in range(RUNS):
    driver.get(URL + "/login")
    wait.until(lambda d: d.find_element(By.ID, "login-email")).send_keys("admin@acme.example")
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    sign_in.append(driver.execute_async_script(SIGN_IN))
    # Sign out, so the next run signs in from scratch.
    wait.until(lambda d: d.find_element(By.XPATH, "//button[normalize-space(.)='Sign out']")).click()
    wait.until(lambda d: d.find_element(By.ID, "login-email"))

driver.find_element(By.ID, "login-email").send_keys("admin@acme.example")
driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
driver.find_element(By.XPATH, "//button[@type='submit']").click()
wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "table.users tbody tr"))
driver.find_element(By.XPATH, "//button[normalize-space(.)='New user']").click()
wait.until(lambda d: d.find_element(By.ID, "role-user-admin"))
dom, frame = [], []
for _ in range(TOGGLES):
    d, f = driver.execute_async_script(TOGGLE)
    dom.append(d)
    frame.append(f)
driver.quit()

print(f"sign-in to users table (10,000 users): median {statistics.median(sign_in):.0f} ms "
      f"(min {min(sign_in):.0f}, max {max(sign_in):.0f}, {RUNS} runs)")
print(f"role toggle, click to DOM updated: median {statistics.median(dom):.2f} ms (max {max(dom):.2f}, {TOGGLES} clicks)")
print(f"role toggle, click to next frame: median {statistics.median(frame):.1f} ms (max {max(frame):.1f})")
